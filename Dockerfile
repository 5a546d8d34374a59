# Image for the API, worker and setup job of docker-compose.yml: compiled JavaScript (npm run build),
# production dependencies only, no secrets (they come from the environment or *_FILE at run time).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY scripts/prisma-generate.js ./scripts/prisma-generate.js
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# The worker loads the bundle `npm run build` wrote instead of running webpack at start (README, Scaling).
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The API; the compose file runs `node dist/worker/main.js` and `node dist/prisma/setup.js` from the same image.
CMD ["node", "dist/api/main.js"]
