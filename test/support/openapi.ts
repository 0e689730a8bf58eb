/**
 * Checks an agent API answer against docs/openapi.yaml: the route's documented response for that
 * status, validated by Ajv (types, enums, nullability, required properties), with every documented
 * object closed so a property the document does not name fails too. The document is read and its
 * $refs resolved by Redocly (the library openapi-typescript builds the console's types with).
 */
import { bundle, createConfig } from '@redocly/openapi-core';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { API_DOCUMENT } from '../../scripts/api-types.ts';

type Schema = Record<string, unknown>;
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/** An allOf of object schemas as the one object it describes: its parts' properties and required names together. */
function merged(s: Schema): Schema | null {
  const parts = s.allOf as Schema[];
  if (!parts.every((p) => p && typeof p === 'object' && (p.properties || p.type === 'object'))) return null;
  const { allOf: _, ...rest } = s;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
    required: [...new Set(parts.flatMap((p) => (p.required as string[] | undefined) ?? []))],
  };
}

/**
 * The schema with `additionalProperties: false` on each object. An allOf of objects is merged
 * into one object first, since a closed part would refuse the other parts' properties and an
 * open one would let anything through.
 */
function closed(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, inAllOf));
  if (!schema || typeof schema !== 'object') return schema;
  const whole = schema as Schema;
  const s = whole.allOf ? (merged(whole) ?? whole) : whole;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'allOf') out[k] = (v as unknown[]).map((part) => closed(part, true));
    else if (k === 'properties')
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, p]) => [name, closed(p)]));
    else if (k === 'items') out[k] = closed(v);
    else out[k] = v;
  }
  if (s.properties && !inAllOf && s.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** A path template as a pattern; literal segments rank before parameters (`/ops/dead-letters` before `/ops/{outcome}`). */
const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/[.]/g, '\\.')}$`);
const parameterCount = (template: string) => (template.match(/\{/g) ?? []).length;

export interface ResponseCheck {
  /** components/schemas, $refs resolved. */
  schemas: Record<string, Schema>;
  /** The documented path template the URL matches, or null. */
  template: (url: string) => string | null;
  /** What is wrong with the answer by the document: [] when it agrees. */
  problems: (method: string, url: string, status: number, body: unknown) => string[];
}

export async function documentedResponses(): Promise<ResponseCheck> {
  const config = await createConfig({ extends: ['minimal'] });
  const { bundle: document } = await bundle({ ref: API_DOCUMENT, config, dereference: true });
  const paths = (document.parsed as { paths: Record<string, Record<string, Operation>> }).paths;
  const templates = Object.keys(paths).sort((a, b) => parameterCount(a) - parameterCount(b));
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, whose `default` is the plugin.
  formats.default(ajv);
  const compiled = new Map<string, ValidateFunction>();

  const template = (url: string) => {
    const path = new URL(url, 'http://api.test').pathname;
    return templates.find((t) => templatePattern(t).test(path)) ?? null;
  };
  const schemas = (document.parsed as { components: { schemas: Record<string, Schema> } }).components.schemas;
  return {
    schemas,
    template,
    problems(method, url, status, body) {
      const t = template(url);
      if (!t) return [`${method} ${url}: no documented route`];
      const response = paths[t]?.[method.toLowerCase()]?.responses?.[String(status)];
      // The document's description lists the errors every agent route may answer ({error, message}).
      const anyError = status >= 400 && status < 500 ? schemas.Error : undefined;
      if (!response && !anyError) return [`${method} ${t}: ${status} is not a documented answer`];
      const schema = response ? response.content?.['application/json']?.schema : anyError;
      if (!schema) return body === null ? [] : [`${method} ${t} ${status}: a body where the document has none`];
      const key = `${method} ${t} ${status}`;
      const validate = compiled.get(key) ?? ajv.compile(closed(schema) as Schema);
      compiled.set(key, validate);
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (e) => `${key}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    },
  };
}
