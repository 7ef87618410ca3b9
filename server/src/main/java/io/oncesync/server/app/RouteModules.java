package io.oncesync.server.app;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@link RouteModule}s on the classpath, registered in {@code META-INF/services/io.oncesync.server.app.RouteModule}
 * (so the admin API plugs into {@code serve} and {@code demo} without either naming it).
 */
public final class RouteModules {
    private RouteModules() {
    }

    public static List<RouteModule> installed() {
        List<RouteModule> out = new ArrayList<>();
        ServiceLoader.load(RouteModule.class, RouteModules.class.getClassLoader()).forEach(out::add);
        return out;
    }
}
