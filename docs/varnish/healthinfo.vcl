# Varnish in front of HealthInfo's app servers (Varnish 7, Debian package `varnish`).
# Copy it to /etc/varnish/default.vcl, set the backend to your app server (or load
# balancer), list the app servers' addresses in `purgers`, and set on every app server
#   HTTP_CACHE_PURGE_URLS=http://<this varnish>:6081
# (see README, "Behind an HTTP cache"). `make bench` runs this file unchanged except
# for the backend's port.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may send BAN requests: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Tags are cache generation names: letters, digits and '-', joined by '|'.
        if (req.http.X-Purge-Tags !~ "^[a-z0-9-]+(\|[a-z0-9-]+)*$") {
            return (synth(400, "Bad X-Purge-Tags"));
        }
        # A ban on obj.* only, so the ban lurker removes the objects in the background.
        # (No spaces and no quotes: a ban's argument is one word.)
        if (std.ban("obj.http.X-Cache-Tags ~ (^|,)(" + req.http.X-Purge-Tags + ")(,|$)")) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A reader with a session, her reader cookie (she voted or asked) or a message waiting
    # gets a page of her own (her questions awaiting review, her vote): never from the
    # cache, never into it.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|reader|messages)=") {
        return (pass);
    }
    # Other cookies (the CSRF cookie) never change a shared page: look the page up
    # without them, but hand them to the app server on a miss (the form tokens need it).
    if (req.http.Cookie) {
        set req.http.X-Reader-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.http.X-Reader-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Reader-Cookie;
        unset bereq.http.X-Reader-Cookie;
    }
}

sub vcl_backend_response {
    # Only what the site marks public (shared reader pages, static files) is kept; the
    # rest (forms, search, the admin, answers that set a cookie) always goes to the app.
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    # The tags are for bans only.
    unset resp.http.X-Cache-Tags;
}
