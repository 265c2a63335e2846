// Test support only: a focused validator of the SARIF 2.1.0 JSON schema (OASIS, Schemata/sarif-schema-2.1.0.json,
// read at oasis-tcs/sarif-spec@0a8091f7d4057e57b6d8d9b56129e5f918747b34). It encodes, for every object type
// lint-definition can emit, the schema's `required` list, `additionalProperties: false` (the allowed property
// names), property types, enums and minimums, and follows `$ref`s between them. Objects the CLI never emits
// (graphs, fixes, code flows…) are accepted as property bags of the right JSON type. The run, result,
// reportingDescriptor and reportingConfiguration tables were checked line by line against the schema text.

type Kind = "string" | "integer" | "number" | "boolean" | "object" | "array";
interface Prop {
  type?: Kind;
  ref?: string;
  items?: Prop;
  enum?: readonly string[];
  minimum?: number;
  format?: "uri" | "uri-reference";
}
interface Definition {
  required?: readonly string[];
  anyOfRequired?: readonly string[];
  props: Record<string, Prop>;
}

const obj: Prop = { type: "object" };
const arr: Prop = { type: "array" };
const str: Prop = { type: "string" };
const int: Prop = { type: "integer" };
const index: Prop = { type: "integer", minimum: -1 };
const bag: Prop = { ref: "propertyBag" };
const message: Prop = { ref: "message" };
const multiformat: Prop = { ref: "multiformatMessageString" };
const LEVELS = ["none", "note", "warning", "error"] as const;

const DEFINITIONS: Record<string, Definition> = {
  sarifLog: {
    required: ["version", "runs"],
    props: { $schema: { type: "string", format: "uri" }, version: { type: "string", enum: ["2.1.0"] }, runs: { type: "array", items: { ref: "run" } }, inlineExternalProperties: arr, properties: bag },
  },
  run: {
    required: ["tool"],
    props: {
      tool: { ref: "tool" }, invocations: { type: "array", items: { ref: "invocation" } }, conversion: obj, language: str, versionControlProvenance: arr, originalUriBaseIds: obj,
      artifacts: arr, logicalLocations: { type: "array", items: { ref: "logicalLocation" } }, graphs: arr, results: { type: "array", items: { ref: "result" } }, automationDetails: obj,
      runAggregates: arr, baselineGuid: str, redactionTokens: arr, defaultEncoding: str, defaultSourceLanguage: str, newlineSequences: arr, columnKind: { type: "string", enum: ["utf16CodeUnits", "unicodeCodePoints"] },
      externalPropertyFileReferences: obj, threadFlowLocations: arr, taxonomies: arr, addresses: arr, translations: arr, policies: arr, webRequests: arr, webResponses: arr, specialLocations: obj, properties: bag,
    },
  },
  tool: { required: ["driver"], props: { driver: { ref: "toolComponent" }, extensions: { type: "array", items: { ref: "toolComponent" } }, properties: bag } },
  toolComponent: {
    required: ["name"],
    props: {
      guid: str, name: str, organization: str, product: str, productSuite: str, shortDescription: multiformat, fullDescription: multiformat, fullName: str, version: str, semanticVersion: str,
      dottedQuadFileVersion: str, releaseDateUtc: str, downloadUri: { type: "string", format: "uri" }, informationUri: { type: "string", format: "uri" }, globalMessageStrings: obj,
      notifications: { type: "array", items: { ref: "reportingDescriptor" } }, rules: { type: "array", items: { ref: "reportingDescriptor" } }, taxa: { type: "array", items: { ref: "reportingDescriptor" } },
      locations: arr, language: str, contents: arr, isComprehensive: { type: "boolean" }, localizedDataSemanticVersion: str, minimumRequiredLocalizedDataSemanticVersion: str,
      associatedComponent: obj, translationMetadata: obj, supportedTaxonomies: arr, properties: bag,
    },
  },
  reportingDescriptor: {
    required: ["id"],
    props: {
      id: str, deprecatedIds: arr, guid: str, deprecatedGuids: arr, name: str, deprecatedNames: arr, shortDescription: multiformat, fullDescription: multiformat, messageStrings: obj,
      defaultConfiguration: { ref: "reportingConfiguration" }, helpUri: { type: "string", format: "uri" }, help: multiformat, relationships: arr, properties: bag,
    },
  },
  reportingConfiguration: { props: { enabled: { type: "boolean" }, level: { type: "string", enum: LEVELS }, rank: { type: "number", minimum: -1 }, parameters: bag, properties: bag } },
  result: {
    required: ["message"],
    props: {
      ruleId: str, ruleIndex: index, rule: obj, kind: { type: "string", enum: ["notApplicable", "pass", "fail", "review", "open", "informational"] }, level: { type: "string", enum: LEVELS },
      message, analysisTarget: { ref: "artifactLocation" }, locations: { type: "array", items: { ref: "location" } }, guid: str, correlationGuid: str, occurrenceCount: { type: "integer", minimum: 1 },
      partialFingerprints: obj, fingerprints: obj, stacks: arr, codeFlows: arr, graphs: arr, graphTraversals: arr, relatedLocations: { type: "array", items: { ref: "location" } }, suppressions: arr,
      baselineState: { type: "string", enum: ["new", "unchanged", "updated", "absent"] }, rank: { type: "number", minimum: -1 }, attachments: arr, hostedViewerUri: { type: "string", format: "uri" },
      workItemUris: arr, provenance: obj, fixes: arr, taxa: arr, webRequest: obj, webResponse: obj, properties: bag,
    },
  },
  message: { anyOfRequired: ["text", "id"], props: { text: str, markdown: str, id: str, arguments: { type: "array", items: str }, properties: bag } },
  multiformatMessageString: { required: ["text"], props: { text: str, markdown: str, properties: bag } },
  location: {
    props: { id: index, physicalLocation: { ref: "physicalLocation" }, logicalLocations: { type: "array", items: { ref: "logicalLocation" } }, message, annotations: arr, relationships: arr, properties: bag },
  },
  physicalLocation: { anyOfRequired: ["address", "artifactLocation"], props: { address: obj, artifactLocation: { ref: "artifactLocation" }, region: { ref: "region" }, contextRegion: { ref: "region" }, properties: bag } },
  artifactLocation: { props: { uri: { type: "string", format: "uri-reference" }, uriBaseId: str, index, description: message, properties: bag } },
  region: {
    props: {
      startLine: { type: "integer", minimum: 1 }, startColumn: { type: "integer", minimum: 1 }, endLine: { type: "integer", minimum: 1 }, endColumn: { type: "integer", minimum: 1 },
      charOffset: index, charLength: { type: "integer", minimum: 0 }, byteOffset: index, byteLength: { type: "integer", minimum: 0 }, snippet: obj, message, sourceLanguage: str, properties: bag,
    },
  },
  logicalLocation: { props: { name: str, index, fullyQualifiedName: str, decoratedName: str, parentIndex: index, kind: str, properties: bag } },
  invocation: {
    required: ["executionSuccessful"],
    props: {
      commandLine: str, arguments: arr, responseFiles: arr, startTimeUtc: str, endTimeUtc: str, exitCode: int, ruleConfigurationOverrides: arr, notificationConfigurationOverrides: arr,
      toolExecutionNotifications: { type: "array", items: { ref: "notification" } }, toolConfigurationNotifications: { type: "array", items: { ref: "notification" } }, exitCodeDescription: str,
      exitSignalName: str, exitSignalNumber: int, processStartFailureMessage: str, executionSuccessful: { type: "boolean" }, machine: str, account: str, processId: int,
      executableLocation: obj, workingDirectory: obj, environmentVariables: obj, stdin: obj, stdout: obj, stderr: obj, stdoutStderr: obj, properties: bag,
    },
  },
  notification: {
    required: ["message"],
    props: { locations: { type: "array", items: { ref: "location" } }, message, level: { type: "string", enum: LEVELS }, threadId: int, timeUtc: str, exception: obj, descriptor: obj, associatedRule: obj, properties: bag },
  },
};

const isKind = (value: unknown, kind: Kind): boolean =>
  kind === "array" ? Array.isArray(value) : kind === "object" ? typeof value === "object" && value !== null && !Array.isArray(value) : kind === "integer" ? Number.isInteger(value) : kind === "number" ? typeof value === "number" && Number.isFinite(value) : typeof value === kind;

function checkProp(value: unknown, prop: Prop, at: string, errors: string[]): void {
  if (prop.ref) {
    if (prop.ref === "propertyBag") {
      if (!isKind(value, "object")) errors.push(`${at}: a property bag must be an object`);
      return;
    }
    checkObject(value, prop.ref, at, errors);
    return;
  }
  if (prop.type && !isKind(value, prop.type)) {
    errors.push(`${at}: expected ${prop.type}, got ${JSON.stringify(value)?.slice(0, 40)}`);
    return;
  }
  if (prop.enum && !prop.enum.includes(value as string)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${prop.enum.join(", ")}`);
  if (prop.minimum !== undefined && (value as number) < prop.minimum) errors.push(`${at}: ${String(value)} is below the minimum ${prop.minimum}`);
  if (prop.format === "uri" && !/^[a-z][a-z0-9+.-]*:/i.test(value as string)) errors.push(`${at}: ${String(value)} is not an absolute URI`);
  if (prop.format === "uri-reference" && /[\s\\]/.test(value as string)) errors.push(`${at}: ${String(value)} is not a URI reference`);
  if (prop.items && Array.isArray(value)) value.forEach((item, i) => checkProp(item, prop.items!, `${at}[${i}]`, errors));
}

function checkObject(value: unknown, name: string, at: string, errors: string[]): void {
  const definition = DEFINITIONS[name]!;
  if (!isKind(value, "object")) {
    errors.push(`${at}: ${name} must be an object`);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of definition.required ?? []) if (!(key in record)) errors.push(`${at}: ${name} requires "${key}"`);
  if (definition.anyOfRequired && !definition.anyOfRequired.some((k) => k in record)) errors.push(`${at}: ${name} requires one of ${definition.anyOfRequired.join(", ")}`);
  for (const [key, v] of Object.entries(record)) {
    const prop = definition.props[key];
    if (!prop) errors.push(`${at}: ${name} does not allow "${key}" (additionalProperties: false)`);
    else checkProp(v, prop, `${at}.${key}`, errors);
  }
}

/** Every way a SARIF log breaks the 2.1.0 schema's structure; empty when it conforms. */
export function validateSarif(log: unknown): string[] {
  const errors: string[] = [];
  checkObject(log, "sarifLog", "$", errors);
  return errors;
}
