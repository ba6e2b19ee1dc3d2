# One image for both processes: `node dist/apps/homeserver/src/main.js` (the default) or the worker.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY config ./config
EXPOSE 8008 8448
CMD ["node", "dist/apps/homeserver/src/main.js", "--config", "/config/homeserver.yaml"]
