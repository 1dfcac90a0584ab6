// Renderer entry: pick the transport for this shell, wire events into stores, render.
import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setApi } from './api/client';
import { httpApi } from './api/http';
import { ipcApi } from './api/ipc';
import { takeAccessToken } from './api/webToken';
import { connectEvents } from './events';
import './styles.css';

const api = ipcApi() ?? httpApi(takeAccessToken());
setApi(api);
connectEvents(api);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
