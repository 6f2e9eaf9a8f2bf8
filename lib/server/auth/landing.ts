import type { Role } from "@/lib/generated/prisma/enums";

// Where someone lands after signing in: clients on their published reports
// (the only thing they may see), everyone else on their engagements.
export const landingPath = (role: Role) => (role === "CLIENT" ? "/portal" : "/engagements");
