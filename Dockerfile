# One image for every Hearth service; docker-compose picks the program per container.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Every service's Node.js options (platform/src/service/node-flags.ts says why).
ENV NODE_OPTIONS="--max-semi-space-size=64"
COPY . .
RUN npm install --no-audit --no-fund && npm run build:console
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
