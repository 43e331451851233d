// The password rules every form that sets a password shares (sign-up, change of password), in
// the browser and on the server: 8 to 128 characters and no composition rules (ASVS 5.0 6.2).
// The server also refuses the most common passwords (app/utils/password-policy.server.ts).
import { z } from "zod";

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

export const passwordHint = "8 to 128 characters. A passphrase of several words is easy to remember.";

export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(passwordMinLength, `Password must be at least ${passwordMinLength} characters`)
  .max(passwordMaxLength, `Password must be ${passwordMaxLength} characters or fewer`);
