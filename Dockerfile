# Palisade web app (and, with `npm run worker`, its audit worker) against an
# external Postgres. Build: docker build -t palisade .
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY scripts/db ./scripts/db
RUN npm install --no-audit --no-fund
COPY . .
# Dev dependencies stay: `npm start` runs its TypeScript entry through tsx.
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000
# Chromium renders PDF reports; openssh-client is handy for re-running evidence commands.
RUN apt-get update && apt-get install -y --no-install-recommends chromium openssh-client ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
RUN useradd --system --uid 10001 palisade && chown -R palisade /app
USER palisade
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
