export * from '../domain/working-days.js';
