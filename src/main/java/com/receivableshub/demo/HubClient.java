package com.receivableshub.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A participant's HTTP or HTTPS client of the hub's REST and SOAP interfaces. */
public final class HubClient {

    private final HttpClient http;
    private final String baseUrl;

    public HubClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An HTTPS client that presents the key and certificate of {@code ssl}'s key managers (mutual TLS). */
    public HubClient(String baseUrl, javax.net.ssl.SSLContext ssl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ssl)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, String apiKey, String contentType, String body)
            throws IOException, InterruptedException {
        return post(path, apiKey, contentType, body, new String[0]);
    }

    /** @param headers further headers, as name, value, name, value... */
    public HttpResponse<String> post(String path, String apiKey, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return baseUrl;
    }
}
