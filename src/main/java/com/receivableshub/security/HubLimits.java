package com.receivableshub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much the hub reads from outside before it refuses ({@code hub.limits.*}): a body, file or page over its limit
 * is refused with the limit named, before it is parsed, so hostile input costs little and changes nothing.
 *
 * @param restBody           a REST request body under /api (413 over it)
 * @param soapBody           a SOAP request under /services (413 with a SOAP fault over it)
 * @param brokerMessage      a message on the inbound address (refused with an error report over it)
 * @param erpFile            an ERP daily file in an inbox (refused in its result file over it)
 * @param feedPage           one page of a procurement system's feed
 * @param jsonDepth          nesting of JSON objects and arrays, everywhere the hub reads JSON
 * @param xmlDepth           nesting of XML elements in a SOAP message
 * @param xmlChildElements   children of one XML element in a SOAP message
 * @param xmlTextLength      characters of one XML text node in a SOAP message
 */
@ConfigurationProperties(prefix = "hub.limits")
public record HubLimits(
        @DefaultValue("1MB") DataSize restBody,
        @DefaultValue("1MB") DataSize soapBody,
        @DefaultValue("1MB") DataSize brokerMessage,
        @DefaultValue("4GB") DataSize erpFile,
        @DefaultValue("16MB") DataSize feedPage,
        @DefaultValue("64") int jsonDepth,
        @DefaultValue("64") int xmlDepth,
        @DefaultValue("10000") int xmlChildElements,
        @DefaultValue("1000000") int xmlTextLength) {

    /** The defaults, for code built outside Spring (tests, commands). */
    public static HubLimits defaults() {
        return new HubLimits(DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1),
                DataSize.ofMegabytes(256), DataSize.ofMegabytes(16), 64, 64, 10000, 1000000);
    }

    /** "over the limit of 1048576 bytes (hub.limits.rest-body)". */
    public static String over(DataSize limit, String key) {
        return "over the limit of " + limit.toBytes() + " bytes (hub.limits." + key + ")";
    }
}
