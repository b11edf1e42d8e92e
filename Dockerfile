# One image for all five services; APP picks which one runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json nest-cli.json ./
COPY libs libs
COPY apps apps
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json tsconfig.base.json ./
COPY scripts/register-paths.js scripts/token.js scripts/kafka-setup.js scripts/dlq-redrive.js scripts/
COPY apps apps
COPY config config
USER node
ENV APP=clearance-monitor
CMD ["sh", "-c", "exec node -r ./scripts/register-paths.js dist/apps/$APP/src/main.js"]
