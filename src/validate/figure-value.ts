export * from '../domain/figure-value.js';
