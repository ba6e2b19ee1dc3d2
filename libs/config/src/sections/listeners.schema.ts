import { z } from 'zod';
import { isIpAddress } from '../internal/grammar';
import { emptyMeansDefault, filePath, oneOf, uniqueItems } from '../internal/schema-helpers';

export const LISTENER_RESOURCES = ['client', 'federation', 'admin', 'metrics'] as const;
export type ListenerResource = (typeof LISTENER_RESOURCES)[number];

const PORT = 'an integer port from 1 to 65535';
const IP = 'an IP address such as "127.0.0.1" or "::"';
const RESOURCES = `a list with at least one of ${oneOf(LISTENER_RESOURCES)}`;

const tlsSchema = z
  .object(
    {
      certificate: filePath('PEM certificate chain, leaf first.'),
      key: filePath('PEM private key of the certificate.'),
    },
    { message: 'null or a mapping {certificate: PATH, key: PATH}' },
  )
  .strict();

export const listenerSchema = z
  .object(
    {
      port: z
        .number({ message: PORT })
        .int({ message: PORT })
        .min(1, { message: PORT })
        .max(65535, { message: PORT })
        .describe('TCP port.'),
      bind_addresses: emptyMeansDefault(
        z
          .array(z.string({ message: IP }).refine(isIpAddress, { message: IP }), {
            message: 'a list of IP addresses',
          })
          .min(1, { message: 'at least one IP address' })
          .superRefine(uniqueItems('an address'))
          .default(['127.0.0.1']),
      ).describe('Addresses to listen on; "::" or "0.0.0.0" for all interfaces.'),
      tls: tlsSchema
        .nullable()
        .default(null)
        .describe('null for plain HTTP (behind a TLS proxy), or {certificate: PATH, key: PATH}.'),
      resources: emptyMeansDefault(
        z
          .array(z.enum(LISTENER_RESOURCES, { message: oneOf(LISTENER_RESOURCES) }), { message: RESOURCES })
          .min(1, { message: RESOURCES })
          .superRefine(uniqueItems('a resource'))
          .default([...LISTENER_RESOURCES]),
      ).describe(`What this listener serves, any subset of: ${LISTENER_RESOURCES.join(', ')}.`),
    },
    { message: 'a mapping {port, bind_addresses, tls, resources}' },
  )
  .strict();

/** Two listeners on one address and port could not both bind. */
function distinctSockets(listeners: z.infer<typeof listenerSchema>[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  listeners.forEach((listener, i) => {
    for (const address of new Set(listener.bind_addresses)) {
      const socket = `${address} ${listener.port}`;
      const first = seen.get(socket);
      if (first === undefined) {
        seen.set(socket, i);
      } else {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'port'],
          message: `a port not already bound on ${address} by listeners[${first}]`,
        });
      }
    }
  });
}

export const listenersSchema = emptyMeansDefault(
  z
    .array(listenerSchema, { message: 'a list of listeners' })
    .superRefine(distinctSockets)
    .default([{ port: 8008 }]),
).describe('HTTP listeners. apps/worker opens none of them.');

export type ListenerConfig = z.output<typeof listenerSchema>;
export type TlsConfig = z.output<typeof tlsSchema>;
