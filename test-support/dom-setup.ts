// setupFiles of the `components` project: Testing Library unmounts what each test rendered (vitest globals are off,
// so its automatic cleanup does not register itself).
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());
