import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In dev the API runs beside Vite (apps/server, port 3001; API_URL to point elsewhere); the proxy
// keeps it same-origin, so the session cookie and the SSE subscription work as in production. No
// `xfwd`: the server refuses the local session to forwarded requests.
const api = process.env.API_URL ?? "http://127.0.0.1:3001";

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/trpc": { target: api },
      "/api": { target: api },
    },
  },
  preview: {
    proxy: {
      "/trpc": { target: api },
      "/api": { target: api },
    },
  },
  build: {
    // The bundle budget is about gzip size; report it for every chunk.
    reportCompressedSize: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The libraries every page needs, in one chunk with a name that says so. React Flow, dagre
          // and react-markdown (with remark-gfm) stay in the lazy chunks of the run and report pages.
          groups: [
            {
              name: "vendor",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack|@trpc)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
