import type { Role } from "./vocabulary";

/** Who may use the broker pages: brokers, and admins, who may do all that a broker may. */
export const brokerRoles = ["broker", "admin"] as const satisfies readonly Role[];

export const isBrokerRole = (role: Role | null | undefined) => brokerRoles.some((brokerRole) => brokerRole === role);
