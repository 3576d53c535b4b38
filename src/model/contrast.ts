export * from '../domain/contrast.js';
