/**
 * JSON schemas of /api/v1: Fastify validates requests with them and @fastify/swagger builds the
 * OpenAPI document from them (responses are serialized through them too, so nothing leaks
 * that a schema does not name).
 */
const error = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** Refused tokens (401/403), too many requests (429), invalid input (422, naming the field). */
const refusals = { 401: error, 403: error, 422: error, 429: error } as const;
const security = [{ token: [] }];

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const lang = { type: 'string', minLength: 2, maxLength: 35 } as const;

const progress = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    translated: { type: 'integer' },
    reviewed: { type: 'integer' },
    outdated: { type: 'integer' },
    completion: { type: 'number' },
  },
} as const;

const target = {
  type: ['object', 'null'],
  properties: {
    text: { type: 'string' },
    state: {
      type: 'string',
      enum: ['untranslated', 'draft', 'translated', 'reviewed', 'outdated'],
    },
    version: { type: 'integer' },
    provenance: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

const postSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    language: { type: 'string' },
    slug: { type: 'string' },
    title: { type: 'string' },
    excerpt: { type: 'string' },
    publishedAt: { type: ['string', 'null'] },
    revision: { type: 'integer' },
  },
} as const;

export const me = {
  security,
  response: {
    200: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        roles: { type: 'array', items: { type: 'string' } },
      },
    },
    ...refusals,
  },
};

export function postList(maxPage: number) {
  return {
    security,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cursor: { type: 'string', maxLength: 200, description: 'nextCursor of the previous page' },
        limit: { type: 'integer', minimum: 1, maximum: maxPage, default: 20 },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          items: { type: 'array', items: postSummary },
          nextCursor: { type: ['string', 'null'] },
        },
      },
      400: error,
      ...refusals,
    },
  };
}

export const post = {
  security,
  params: { type: 'object', properties: { postId: id }, required: ['postId'] },
  response: {
    200: {
      type: 'object',
      properties: {
        ...postSummary.properties,
        bodyMarkdown: { type: 'string' },
        versions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              language: { type: 'string' },
              path: { type: 'string' },
              completion: { type: 'number' },
              isOriginal: { type: 'boolean' },
            },
          },
        },
      },
    },
    404: error,
    ...refusals,
  },
};

const langParams = {
  type: 'object',
  properties: { postId: id, lang },
  required: ['postId', 'lang'],
} as const;

export const units = {
  security,
  params: langParams,
  response: {
    200: {
      type: 'object',
      properties: {
        postId: { type: 'string' },
        sourceLanguage: { type: 'string' },
        language: { type: 'string' },
        progress,
        units: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              unitId: { type: 'string' },
              kind: { type: 'string' },
              source: {
                type: 'string',
                description: 'Tagged text: <pc id="1">…</pc>, <ph id="2"/>',
              },
              sourceRevision: { type: 'integer' },
              codes: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  properties: {
                    kind: { type: 'string', enum: ['pc', 'ph'] },
                    type: { type: 'string' },
                    label: { type: 'string' },
                  },
                },
              },
              target,
            },
          },
        },
      },
    },
    400: error,
    404: error,
    ...refusals,
  },
};

export interface SaveBody {
  text: string;
  version: number;
  sourceRevision: number;
  state?: 'draft' | 'translated';
}

export const save = {
  security,
  params: {
    type: 'object',
    properties: { postId: id, lang, unitId: id },
    required: ['postId', 'lang', 'unitId'],
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['text', 'version', 'sourceRevision'],
    properties: {
      text: { type: 'string', maxLength: 20_000 },
      version: {
        type: 'integer',
        minimum: 0,
        description: 'The target version you edited (0: none)',
      },
      sourceRevision: { type: 'integer', minimum: 1 },
      state: { type: 'string', enum: ['draft', 'translated'], default: 'translated' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: ['saved', 'pending'] },
        target,
        progress,
        sourceChanged: { type: 'boolean' },
      },
    },
    400: error,
    404: error,
    409: {
      type: 'object',
      properties: {
        ...error.properties,
        theirs: target,
        yours: { type: 'string' },
      },
    },
    ...refusals,
  },
};

export const memory = {
  security,
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['source', 'target', 'q'],
    properties: {
      source: lang,
      target: lang,
      q: { type: 'string', minLength: 1, maxLength: 2_000, description: 'Plain text to match' },
      limit: { type: 'integer', minimum: 1, maximum: 20 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        partial: { type: 'boolean' },
        matches: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              score: { type: 'number' },
              source: { type: 'string' },
              target: { type: 'string' },
              uses: { type: 'integer' },
              postId: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    400: error,
    ...refusals,
  },
};

const fileFormat = {
  type: 'string',
  enum: ['xliff2', 'xliff12', 'po'],
  default: 'xliff2',
} as const;

export const downloadFile = {
  security,
  params: langParams,
  querystring: {
    type: 'object',
    properties: { format: fileFormat },
    additionalProperties: false,
  },
  response: {
    200: {
      description: 'The translation as XLIFF 2.0, XLIFF 1.2 or gettext PO',
      type: 'string',
    },
    ...refusals,
  },
} as const;

export const uploadFile = {
  security,
  params: langParams,
  body: {
    description:
      'An XLIFF 2.0, XLIFF 1.2 or PO file (Content-Type application/xliff+xml or text/x-gettext-translation), at most 10 MB',
    type: 'string',
  },
  response: {
    200: {
      type: 'object',
      properties: {
        saved: { type: 'integer' },
        unchanged: { type: 'integer' },
        conflicts: { type: 'integer' },
        units: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              unitId: { type: 'string' },
              outcome: {
                type: 'string',
                enum: ['saved', 'pending', 'unchanged', 'conflict', 'refused', 'empty'],
              },
            },
          },
        },
      },
    },
    ...refusals,
  },
} as const;
