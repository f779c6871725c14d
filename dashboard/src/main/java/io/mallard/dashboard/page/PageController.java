package io.mallard.dashboard.page;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
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

    PageController(AssetCatalog assets) {
        this.assets = assets;
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
        Page page = new Page(name, title, siteId, assets.url("dashboard.js"), assets.url("dashboard.css"), assets.url("favicon.svg"));
        return new ModelAndView<>(name, Map.of("page", page));
    }
}
