package org.touchline.node.command;

import org.touchline.node.Node;

/**
 * The write commands other than ingest, all at one clock and all appending or all only checking: what a {@link Write}
 * maps onto (see {@link Node#commands}).
 */
public record Commands(CustomerEvents customerEvents, IdentityCommands identityCommands, Tokens tokens, ContractCommands contracts,
                       DataRequests requests) {}
