export * from '../domain/rag-scheme.js';
