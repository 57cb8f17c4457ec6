package com.receivableshub.pipeline;

/** How a message reached the hub or leaves it. */
public enum Channel {
    REST, SOAP, QUEUE, FILE, FEED, HTTP
}
