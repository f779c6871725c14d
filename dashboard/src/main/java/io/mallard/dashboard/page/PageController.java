package io.mallard.dashboard.page;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.share.ShareService;
import io.mallard.dashboard.asset.AssetCatalog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The dashboard's screens. Each is a shell rendered from a template: it holds no analytics data, so
 * it is public; the script in it reads the JSON API with the visitor's session and sends them to
 * {@code /login} (or {@code /setup} before the first account exists) when the API says so.
 */
@Controller
@AccessRule(Access.PUBLIC)
@Produces(MediaType.TEXT_HTML)
class PageController {
    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

    private final AssetCatalog assets;
    private final ShareService shares;
    private final GeoLocator.Attribution geoCredit;

    PageController(AssetCatalog assets, ShareService shares, GeoLocator geoLocator) {
        this.assets = assets;
        this.shares = shares;
        this.geoCredit = geoLocator.attribution().orElse(null);
    }

    @Get
    HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/sites"));
    }

    @Get("/login")
    ModelAndView<?> login() {
        return page("login", "Sign in", null);
    }

    @Get("/setup")
    ModelAndView<?> setup() {
        return page("setup", "Create the owner account", null);
    }

    @Get("/sites")
    ModelAndView<?> sites() {
        return page("sites", "Sites", null);
    }

    @Get("/sites/{siteId}")
    HttpResponse<?> site(@PathVariable String siteId) {
        return siteScreen("site", siteId, siteId);
    }

    @Get("/sites/{siteId}/behavior")
    HttpResponse<?> behavior(@PathVariable String siteId) {
        return siteScreen("behavior", "Behavior · " + siteId, siteId);
    }

    /**
     * A shared link: the site screen, read-only, without the account's menu. A revoked or unknown
     * link is a 404. It may be framed ({@code MALLARD_SHARE_FRAME_ANCESTORS}); {@code ?embed=true}
     * leaves out the page's header for an iframe.
     */
    @Get("/share/{shareId}")
    HttpResponse<?> share(@PathVariable String shareId) {
        return shares.find(shareId).<HttpResponse<?>>map(link -> HttpResponse.ok(page("site", link.site().value(), link.site().value(), link.id())))
                .orElseGet(HttpResponse::notFound);
    }

    @Get("/settings")
    ModelAndView<?> settings() {
        return page("settings", "Settings", null);
    }

    private HttpResponse<?> siteScreen(String name, String title, String siteId) {
        if (!SITE_ID.matcher(siteId).matches()) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(page(name, title, siteId));
    }

    private ModelAndView<?> page(String name, String title, @Nullable String siteId) {
        return page(name, title, siteId, null);
    }

    private ModelAndView<?> page(String name, String title, @Nullable String siteId, @Nullable String shareId) {
        Page page = new Page(name, title, siteId, shareId, assets.url("dashboard.js"), assets.url("dashboard.css"), assets.url("favicon.svg"),
                assets.url("world.svg"), geoCredit);
        return new ModelAndView<>(name, Map.of("page", page));
    }
}
