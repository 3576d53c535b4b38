import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

/**
 * pdf-lib, loaded from its one-file build: every build that prints loads it on the thread the
 * build waits on, and its 137 CommonJS files take about three times as long to find and compile
 * (90 ms against 30). The same version and code, so the same bytes. Every part of cpb (and every
 * test handing cpb a document) imports pdf-lib from here, so there is one copy and `instanceof`
 * holds across them.
 */
const pdfLib = createRequire(import.meta.url)('pdf-lib/dist/pdf-lib.js') as typeof PdfLib;

export const {
  concatTransformationMatrix,
  decodePDFRawStream,
  drawObject,
  EncryptedPDFError,
  endMarkedContent,
  PDFArray,
  PDFBool,
  PDFContext,
  PDFCrossRefStream,
  PDFDict,
  PDFDocument,
  PDFFlateStream,
  PDFHeader,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObject,
  PDFObjectStream,
  PDFOperator,
  PDFOperatorNames,
  PDFPage,
  PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  PDFTrailer,
  PDFWriter,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
} = pdfLib;

// The classes and enums as types, as `import { PDFDict } from 'pdf-lib'` gives them.
export type EncryptedPDFError = PdfLib.EncryptedPDFError;
export type PDFArray = PdfLib.PDFArray;
export type PDFBool = PdfLib.PDFBool;
export type PDFContext = PdfLib.PDFContext;
export type PDFCrossRefStream = PdfLib.PDFCrossRefStream;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFFlateStream = PdfLib.PDFFlateStream;
export type PDFHeader = PdfLib.PDFHeader;
export type PDFHexString = PdfLib.PDFHexString;
export type PDFInvalidObject = PdfLib.PDFInvalidObject;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFObject = PdfLib.PDFObject;
export type PDFObjectStream = PdfLib.PDFObjectStream;
export type PDFOperator = PdfLib.PDFOperator;
export type PDFOperatorNames = PdfLib.PDFOperatorNames;
export type PDFPage = PdfLib.PDFPage;
export type PDFPageLeaf = PdfLib.PDFPageLeaf;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFStream = PdfLib.PDFStream;
export type PDFString = PdfLib.PDFString;
export type PDFTrailer = PdfLib.PDFTrailer;
export type PDFWriter = PdfLib.PDFWriter;
export type StandardFonts = PdfLib.StandardFonts;
export type { LoadOptions } from 'pdf-lib';
