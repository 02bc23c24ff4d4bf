// The one error the HTML stage raises for template problems: an unknown template, a locale
// string that is missing, or (strict mode) a field the template reads that the model lacks.

export type TemplateErrorDetails = {
  template?: string;
  /** The template file (relative to templates/) being rendered when it failed. */
  file?: string;
  /** The missing field or locale key, as the template names it. */
  field?: string;
  line?: number;
  column?: number;
};

export class TemplateError extends Error {
  override readonly name = "TemplateError";
  readonly details: TemplateErrorDetails;

  constructor(message: string, details: TemplateErrorDetails = {}, options?: ErrorOptions) {
    super(message, options);
    this.details = details;
  }

  get field(): string | undefined {
    return this.details.field;
  }
}
