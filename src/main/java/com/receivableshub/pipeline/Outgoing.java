package com.receivableshub.pipeline;

import com.receivableshub.model.Envelope;
import com.receivableshub.participant.Participant;
import java.util.Collection;
import java.util.List;

/**
 * A message the hub decided to send, not yet written: to a funder's queue ({@link Channel#QUEUE}, destination is the
 * queue) or to a participant's HTTP endpoint ({@link Channel#HTTP}, destination is {@code <endpoint name>:<path>},
 * the endpoint named in the receiver's adapter file).
 */
public record Outgoing(Envelope envelope, Participant receiver, Channel channel, String destination,
                       Collection<String> subjects) {

    /** Indexed in the ledger by what its payload is about ({@link Subjects#of}). */
    public Outgoing(Envelope envelope, Participant receiver, Channel channel, String destination) {
        this(envelope, receiver, channel, destination, null);
    }

    /**
     * The same message indexed in the ledger by the given subjects instead of by every receivable its payload names
     * (a feed batch to a funder: see {@link Ledger#feedSubject}).
     */
    public Outgoing indexedBy(Collection<String> subjects) {
        return new Outgoing(envelope, receiver, channel, destination, List.copyOf(subjects));
    }

    /** What the ledger indexes the message by. */
    public Collection<String> ledgerSubjects() {
        return subjects != null ? subjects : Subjects.of(envelope.payload());
    }

    public static Outgoing toQueue(Envelope envelope, Participant funder) {
        return new Outgoing(envelope, funder, Channel.QUEUE, funder.queue());
    }

    /** To the receiver's SOAP service at the named endpoint (see {@code SoapDelivery}). */
    public static Outgoing toSoap(Envelope envelope, Participant receiver, String endpointName) {
        if (receiver.endpoint(endpointName).isEmpty()) {
            throw new IllegalStateException(receiver.source() + " has no endpoint '" + endpointName + "'");
        }
        return new Outgoing(envelope, receiver, Channel.SOAP, endpointName);
    }

    public static Outgoing toEndpoint(Envelope envelope, Participant receiver, String endpointName, String path) {
        if (receiver.endpoint(endpointName).isEmpty()) {
            throw new IllegalStateException(receiver.source() + " has no endpoint '" + endpointName + "'");
        }
        return new Outgoing(envelope, receiver, Channel.HTTP, endpointName + ":" + path);
    }
}
