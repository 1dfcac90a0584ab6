// One web shell per spec file: started before the file's first test, stopped after its last.
import { test } from '@playwright/test';
import { serve, type Served } from './serve';

/** Registers the file's hooks and returns the shell; its fields are read once the hooks have started it. */
export function serveForFile(): Served {
  let app: Served | undefined;
  test.beforeAll(async () => {
    app = await serve();
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  const live = (): Served => {
    if (!app) throw new Error('the web shell starts in beforeAll: use it inside a test or hook');
    return app;
  };
  return {
    get url() {
      return live().url;
    },
    get origin() {
      return live().origin;
    },
    get token() {
      return live().token;
    },
    get dataDir() {
      return live().dataDir;
    },
    get child() {
      return live().child;
    },
    call: <T>(op: string, input: unknown) => live().call<T>(op, input),
    stop: () => live().stop(),
  };
}
