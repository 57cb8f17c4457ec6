package com.receivableshub.bench;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/**
 * The bare CXF limit of the SOAP benchmark: a code-first JAX-WS operation that does nothing but answer. It takes a
 * text as large as an award notice request and answers its first {@value #REPLY_CHARS} characters, about as much as
 * the hub's Ack, so request and answer are the size of the award exchange on the wire.
 */
@WebService(targetNamespace = BenchEchoService.NAMESPACE, serviceName = "BenchEcho", portName = "BenchEchoPort")
public class BenchEchoService {

    public static final String NAMESPACE = "urn:receivables-hub:bench:v1";
    public static final int REPLY_CHARS = 100;

    @WebMethod
    @WebResult(name = "reply")
    public String echo(@WebParam(name = "text") String text) {
        return text == null || text.length() <= REPLY_CHARS ? text : text.substring(0, REPLY_CHARS);
    }
}
