// Imported first by the renderer entry: our CSP forbids eval, so zod must not probe for it with `new Function`
// (the probe runs when the first object schema is built, at import time, and shows up as a CSP violation).
import { z } from 'zod';

z.config({ jitless: true });
