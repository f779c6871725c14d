package io.mallard.domain.planted;

import java.net.http.HttpClient;
import java.util.logging.Logger;

/** A deliberate violation (test-only): domain code calling out over HTTP and logging. */
public class PlantedDomainNetworkCall {
    public HttpClient client() {
        Logger.getLogger("domain").info("calling out");
        return HttpClient.newHttpClient();
    }
}
