import { notFound } from "next/navigation";
import { SignatureView } from "@/components/fleet/signature-view";
import { getSignaturePage } from "@/lib/server/fleet-page";

export const dynamic = "force-dynamic";

export default async function SignaturePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const page = await getSignaturePage((await params).id, await searchParams);
  if (!page) notFound();
  return <SignatureView id={page.detail.signature.signatureId} initial={page.detail} params={page.params} filters={page.filters} />;
}
