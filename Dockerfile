# imagestream-bot: the Slack bot (npm start). Multi-stage: build with dev dependencies, run with
# production ones only, as a non-root user. The platform probes /healthz and /readyz itself.

FROM node:20-slim AS build
WORKDIR /app
# Manifests first, so the dependency layer is cached until they change.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
COPY jobs ./jobs
COPY adapters ./adapters
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds with dev tools that are not installed here; dist comes from the build stage.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
USER node
ENV PORT=8080
EXPOSE 8080
# The old-generation cap also sets how far V8 lets garbage pile up between full collections
# (BENCHMARKS.md, issue 14): keep it in step with package.json's start script and app.yaml.
CMD ["node", "--max-old-space-size=512", "--heap-growing-percent=80", "dist/src/app/main.js"]
