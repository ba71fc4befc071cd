package org.touchline.node;

import org.touchline.domain.Interaction;

/** A checked interaction on its way to the ledger, with the reference its submitter knows it by. */
public record Candidate(String recordRef, Interaction interaction) {}
