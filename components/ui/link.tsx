import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link without prefetching by default. Every page here is dynamic (force-dynamic, read from the database),
 * so Next's viewport prefetch renders each visible link's page on the server: a fleet page with its sort headers,
 * filter shortcuts and 50 application links fired about 50 server renders per view, and the browser spent its first
 * seconds processing them. A link that is worth prefetching says prefetch itself.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
