import type { Role } from "@/lib/generated/prisma/enums";

// Who is acting. Every domain function takes one and scopes by it.
export type TActor = { id: string; email: string; name: string; role: Role };
