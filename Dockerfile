# syntax=docker/dockerfile:1
# One image for the api, the worker and the one-shot migrations (docker-compose.yml, profile `app`).
# Three stages: `build` compiles with every dependency, `deps` installs production dependencies only,
# the runtime copies the two and runs as the unprivileged `node` user. test/production-bundle.e2e-spec.ts
# does the same steps without Docker (build, `npm ci --omit=dev` in a fresh directory, migrate, start).
#
# The base is pinned to the same Node release as the `node` devDependency (package.json), so the image
# runs what the tests ran on; bump both together (a unit test checks they agree).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# api, worker, cli (migrations) and the web console, each bundled into dist/apps/<app>
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci --omit=dev`, then ts-node and TypeScript out: npm keeps a dev package that a production one
# names as an optional peer (typeorm → ts-node, @nestjs/swagger → typescript); the bundles load neither.
RUN npm run install:production && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    HTTP_PORT=3000 \
    WEB_ROOT=dist/apps/web \
    ENV_FILE=/nonexistent
WORKDIR /app
# Owned by root and read-only to the app: the process can write nothing but /tmp (exports).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
# The API's public health route (200 when PostgreSQL and Redis answer, 503 otherwise). The worker has no
# HTTP listener: docker-compose.yml turns this check off for it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# api: this; worker: node dist/apps/worker/main.js; migrations: node dist/apps/cli/main.js migration:run
CMD ["node", "dist/apps/api/main.js"]
