// asl-validator 4 ships no type declarations; this is the part of its API we call (dist/src/validator.js).
declare module "asl-validator" {
  interface AslValidatorError {
    "Error code": string;
    Message: string;
    schemaError?: { instancePath: string; schemaPath: string };
  }
  interface AslValidatorResult {
    isValid: boolean;
    errors: AslValidatorError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: object, options?: { checkPaths: boolean; checkArn: boolean }): AslValidatorResult;
  export = aslValidator;
}
