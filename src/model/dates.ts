export * from '../domain/dates.js';
