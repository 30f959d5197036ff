// Parts of nunjucks' public runtime API that @types/nunjucks leaves out.
import 'nunjucks';

declare module 'nunjucks' {
  interface Environment {
    globals: Record<string, unknown>;
    addTest(name: string, test: (value: unknown, ...args: unknown[]) => boolean): Environment;
  }
  interface Template {
    getExported(
      context: object,
      parentFrame: unknown,
      callback: (err: unknown, exported: unknown) => void,
    ): void;
  }
}
