package org.touchline.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/** The seven source systems of the demo company and how each writes its export. */
final class Writers {
    private Writers() {}

    static SourceWriter open(Src src, Path dir, long seed) throws IOException {
        return switch (src) {
            case CRM -> new Crm(dir, seed);
            case CALLCENTRE -> new CallCentre(dir, seed);
            case POS -> new Pos(dir, seed);
            case DIGITAL -> new Digital(dir, seed);
            case ENGAGE -> new Engage(dir, seed);
            case FIELDOPS -> new FieldOps(dir, seed);
            case SOCIAL -> new Social(dir, seed);
        };
    }

    static String price(String[] skus) {
        double total = 0;
        if (skus != null) for (String s : skus) {
            for (DemoData.Product p : DemoData.DEVICES) if (p.sku().equals(s)) total += p.price();
            for (DemoData.Product p : DemoData.PLANS) if (p.sku().equals(s)) total += p.price();
        }
        return String.format(Locale.ROOT, "%.2f", total);
    }

    /** CRM: the customer master. Comma-separated, UTC "yyyy-MM-dd HH:mm:ss", CRM ids, E.164 mobiles with spaces. */
    static final class Crm extends SourceWriter {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        static final Map<String, String> CODES = Map.of("account_opened", "ACCOUNT_OPENED", "details_updated", "DETAILS_UPDATED",
                "plan_changed", "PLAN_CHANGED", "consent_updated", "CONSENT_UPDATED", "contract_renewed", "CONTRACT_RENEWED",
                "account_closed", "ACCOUNT_CLOSED", "price_changed", "PRICE_CHANGED");
        static final Map<String, String> VIA = Map.of("W", "WEB", "A", "APP", "S", "STORE", "P", "PHONE", "B", "BATCH");
        long next = 7_300_000;

        Crm(Path dir, long seed) throws IOException {
            super(Src.CRM, dir, seed);
            out.write("event_id,event_time,event_type,changed_via,crm_id,account_no,title,full_name,email,mobile,home_phone,address,postcode,date_of_birth,plan,marketing_opt_in\n");
        }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(2) : -1;
            csv("EV" + (next += 1 + r.nextInt(3)), ',', false);
            csv(how == 0 ? "0000-00-00 00:00:00" : TIME.format(Instant.ofEpochMilli(e.at)), ',', false);
            csv(CODES.get(e.type), ',', false);
            csv(VIA.get(e.ref), ',', false);
            if (how == 1) {                                   // a blank test row someone left in the master
                csv(null, ',', false); csv(null, ',', false); csv("Mr", ',', false); csv(null, ',', false);
                for (int k = 0; k < 6; k++) csv(null, ',', false);
                csv(null, ',', false); csv("N", ',', true);
                return;
            }
            csv(c.crmId, ',', false);
            csv(c.account, ',', false);
            csv(c.title, ',', false);
            csv(c.fullName(), ',', false);
            csv(email(c, 0.03), ',', false);
            csv(phone(c.mobile, 3), ',', false);
            csv(c.landline, ',', false);
            csv(c.address, ',', false);
            csv(c.postcode, ',', false);
            csv(c.dob.toString(), ',', false);
            csv(e.products == null ? c.plan : e.products[0], ',', false);
            csv(c.optIn && !c.unsubscribed ? "Y" : "N", ',', true);
        }
    }

    /** Call centre telephony + CRM screen: semicolons, London "dd/MM/yyyy HH:mm:ss", caller numbers as the switch saw them. */
    static final class CallCentre extends SourceWriter {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.ROOT).withZone(Journeys.LONDON);
        static final Map<String, String> CODES = Map.ofEntries(Map.entry("billing_enquiry", "BILL"), Map.entry("technical_support", "TECH"),
                Map.entry("fault_report", "FAULT"), Map.entry("home_move", "MOVE"), Map.entry("upgrade_enquiry", "UPG"),
                Map.entry("sales_enquiry", "SALES"), Map.entry("cancellation_request", "CANX"), Map.entry("retention_offer", "RETN"),
                Map.entry("complaint", "COMP"), Map.entry("delivery_enquiry", "DELIV"), Map.entry("general_enquiry", "GEN"));
        long next = 0;

        CallCentre(Path dir, long seed) throws IOException {
            super(Src.CALLCENTRE, dir, seed);
            out.write("call_ref;started;duration_s;ani;account_no;agent;queue;reason;outcome;notes;ivr_score\n");
        }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(4) : -1;
            boolean customer = e.at >= c.joinedAt;
            String from = c.landline != null && (c.mobile == null || r.nextDouble() < 0.25) ? c.landline : c.mobile;
            String ani = from == null || r.nextDouble() < 0.05 ? null : phone(from, 1 + r.nextInt(5));
            String account = !customer ? null : ani != null && r.nextDouble() < 0.1 ? null : typedAccount(c.account);
            if (ani == null && account == null) ani = phone(c.anyPhone() != null ? c.anyPhone() : "07700 900000", 1);
            csv(String.format(Locale.ROOT, "CC%08d", ++next), ';', false);
            csv(how == 0 ? "31/13/2025 25:61:00" : TIME.format(Instant.ofEpochMilli(e.at)), ';', false);
            csv(String.valueOf(60 + r.nextInt(1500)), ';', false);
            csv(ani, ';', false);
            csv(account, ';', false);
            csv(e.agent, ';', false);
            csv(e.ref, ';', false);
            csv(how == 1 ? "ZZ9" : CODES.get(e.type), ';', false);
            csv(e.outcome, ';', false);
            if (how == 2) b.append(e.text.replace(';', ',')).append("; cust to call back;");   // notes not quoted: the columns shift
            else csv(e.text, ';', false);
            csv(how == 3 ? "7" : e.rating > 0 ? String.valueOf(e.rating) : null, ';', true);
        }
    }

    /** Stores' point of sale: XML, London "yyyy-MM-dd HH:mm", loyalty cards, and relatives buying for someone else. */
    static final class Pos extends SourceWriter {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(Journeys.LONDON);
        static final Map<String, String> CODES = Map.of("purchase", "SALE", "return", "RETURN", "repair_dropoff", "REPAIR_IN",
                "repair_collection", "REPAIR_OUT", "store_enquiry", "ENQUIRY");
        long next = 0;

        Pos(Path dir, long seed) throws IOException {
            super(Src.POS, dir, seed);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<posExport chain=\"" + DemoData.COMPANY + "\" version=\"3.2\">\n");
        }

        @Override void format(DemoEvent e, boolean broken) {
            int how = broken ? r.nextInt(2) : -1;
            DemoCustomer buyer = e.actor != null ? e.actor : e.c;
            b.append("  <transaction id=\"").append(e.ref).append('-').append(String.format(Locale.ROOT, "%07d", ++next))
                    .append("\" store=\"").append(e.ref).append("\">\n");
            xml("    ", "timestamp", how == 0 ? "2025-13-45 25:99" : TIME.format(Instant.ofEpochMilli(e.at)));
            xml("    ", "kind", CODES.get(e.type));
            xml("    ", "staff", e.agent);
            if (how == 1) {
                b.append("    <customer/>\n");                         // walk-in, nothing captured
            } else {
                b.append("    <customer>\n");
                boolean any = false;
                if (buyer.loyaltyCard != null && r.nextDouble() < 0.9) {
                    xml("      ", "card", r.nextDouble() < 0.15 ? buyer.loyaltyCard.substring(0, 7) + " " + buyer.loyaltyCard.substring(7) : buyer.loyaltyCard);
                    any = true;
                }
                String ph = buyer.anyPhone();
                if (ph != null && (!any || r.nextDouble() < 0.65)) {
                    xml("      ", "phone", phone(ph, r.nextInt(2)));
                    any = true;
                }
                String em = email(buyer, 0.03);
                if (em != null && (!any || r.nextDouble() < 0.4)) {
                    xml("      ", "email", em);
                    any = true;
                }
                // The name on the receipt when the till asks for it (returns, repairs, e-receipts), with the postcode.
                boolean named = r.nextDouble() < 0.4;
                if (named) xml("      ", "name", buyer.fullName());
                if (!any || named || r.nextDouble() < 0.2) xml("      ", "postcode", buyer.postcode);
                b.append("    </customer>\n");
            }
            if (e.actor != null) {
                b.append("    <onBehalfOf relationship=\"household\">\n");
                xml("      ", "account", e.c.account);
                xml("      ", "email", email(e.c, 0.03));
                xml("      ", "name", e.c.fullName());
                b.append("    </onBehalfOf>\n");
            }
            if (e.products != null) xml("    ", "items", String.join("|", e.products));
            if (e.type.equals("purchase")) b.append("    <total currency=\"GBP\">").append(price(e.products)).append("</total>\n");
            if (e.type.equals("purchase")) xml("    ", "payment", r.nextDouble() < 0.8 ? "CARD" : "CASH");
            xml("    ", "note", e.text);
            b.append("  </transaction>\n");
        }

        @Override void footer() throws IOException { out.write("</posExport>\n"); }
    }

    /** Website and apps: JSON Lines, epoch milliseconds, cookies and devices, the customer nested when logged in. */
    static final class Digital extends SourceWriter {
        long next = 0;

        Digital(Path dir, long seed) throws IOException { super(Src.DIGITAL, dir, seed); }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(2) : -1;
            boolean app = e.channel.equals("app");
            b.append('{');
            json("event_id", "evt_" + opaqueId(next++));
            if (how == 1) json("ts", "2025-13-01T00:00:00");
            else json("ts", e.at);
            json("platform", app ? (habit(seed, c.idx, 77) < 0.55 ? "ios" : "android") : "web");
            json("event", e.type);
            jsonOpen("session");
            if (app) json("device_id", c.deviceId != null ? c.deviceId : "dv-" + opaqueId(c.idx));
            else json("cookie", e.cookie != null ? e.cookie : c.cookie);
            b.append('}');
            if (!e.anonymous || app) {
                jsonOpen("customer");
                json("id", c.customerId);
                if (e.type.equals("login") || e.type.equals("order_placed")) json("email", c.email);
                b.append('}');
            }
            if (e.ref != null && !e.type.equals("order_placed")) json("page", e.ref);
            jsonArray("products", e.products);
            json("search", e.text);
            if (e.type.equals("order_placed")) {
                jsonOpen("order");
                json("id", e.ref);
                json("value", price(e.products));
                b.append('}');
            }
            b.append('}');
            if (how == 0) b.setLength(b.length() / 2);              // the writer died mid-line
            b.append('\n');
        }
    }

    /** Marketing email, chat and surveys: JSON Lines, London ISO timestamps with offsets, the CRM id as subscriber key. */
    static final class Engage extends SourceWriter {
        long next = 0;

        Engage(Path dir, long seed) throws IOException { super(Src.ENGAGE, dir, seed); }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(2) : -1;
            String kind = e.type.replaceFirst("_", ".");
            b.append('{');
            String prefix = e.channel.equals("email") ? "msg_" : e.channel.equals("chat") ? "chat_" : "svy_";
            json("id", prefix + opaqueId(next++));
            json("timestamp", how == 0 ? "last Tuesday" : LONDON_ISO.format(Instant.ofEpochMilli(e.at).truncatedTo(ChronoUnit.SECONDS)));
            json("channel", e.channel.toUpperCase(Locale.ROOT));
            json("kind", kind);
            jsonOpen("contact");
            boolean chatVisitor = e.channel.equals("chat") && e.anonymous;
            if (!chatVisitor && e.at >= c.joinedAt) json("subscriber_key", c.crmId);
            String em = e.channel.equals("chat") ? (chatVisitor && r.nextDouble() < 0.6 ? null : r.nextDouble() < 0.01 ? mistype(c.email == null ? "guest@example.com" : c.email, r.nextInt(999)) : c.email) : c.email;
            json("email", em);
            if (e.channel.equals("chat")) json("cookie", e.cookie != null ? e.cookie : c.cookie);
            b.append('}');
            if (e.channel.equals("email")) json("campaign", e.ref);
            if (e.channel.equals("survey")) json("survey", e.ref);
            json("agent", e.agent);
            if (e.text != null && !e.text.isEmpty()) json("message", e.text);
            if (how == 1) json("rating", 7);
            else if (e.rating > 0) json("rating", e.rating);
            b.append("}\n");
        }
    }

    /** Field service work orders: XML, London "yyyyMMdd HHmm", account numbers and the site contact's phone. */
    static final class FieldOps extends SourceWriter {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HHmm", Locale.ROOT).withZone(Journeys.LONDON);
        static final Map<String, String> CODES = Map.of("installation", "INSTALL", "repair_visit", "REPAIR", "upgrade_visit", "UPGRADE",
                "equipment_collection", "COLLECT");
        long next = 210_000;

        FieldOps(Path dir, long seed) throws IOException {
            super(Src.FIELDOPS, dir, seed);
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workOrders xmlns:fo=\"urn:northwind:fieldops\">\n");
        }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(2) : -1;
            b.append("  <workOrder ref=\"WO-").append(++next).append("\">\n");
            xml("    ", "jobType", CODES.get(e.type));
            xml("    ", "account", r.nextDouble() < 0.01 ? typedAccount(c.account) : c.account);
            xml("    ", "engineer", e.agent);
            xml("    ", "completed", how == 0 ? "00000000 0000" : TIME.format(Instant.ofEpochMilli(e.at)));
            b.append("    <site>\n");
            xml("      ", "contact", c.fullName());
            String ph = r.nextDouble() < 0.1 ? null : c.anyPhone();
            xml("      ", "phone", ph == null ? null : phone(ph, r.nextDouble() < 0.5 ? 4 : 1));
            xml("      ", "address", c.address);
            xml("      ", "postcode", c.postcode);
            b.append("    </site>\n");
            xml("    ", "outcome", e.outcome);
            xml("    ", "notes", e.text);
            if (how == 1) xml("    ", "customerRating", "7");
            else if (e.rating > 0) xml("    ", "customerRating", String.valueOf(e.rating));
            b.append("  </workOrder>\n");
        }

        @Override void footer() throws IOException { out.write("</workOrders>\n"); }
    }

    /** Social listening: JSON Lines, UTC ISO timestamps with milliseconds, handles, an email when social care linked one. */
    static final class Social extends SourceWriter {
        static final Map<String, String> CODES = Map.of("social_mention", "mention", "social_message", "dm", "review", "review",
                "social_ad_click", "ad_click");
        long next = 0;

        Social(Path dir, long seed) throws IOException { super(Src.SOCIAL, dir, seed); }

        @Override void format(DemoEvent e, boolean broken) {
            DemoCustomer c = e.c;
            int how = broken ? r.nextInt(2) : -1;
            String network = habit(seed, c.idx, 91) < 0.5 ? "x" : habit(seed, c.idx, 91) < 0.8 ? "facebook" : "instagram";
            b.append('{');
            json("post_id", network + ":" + (e.at * 1000 + (next++ % 1000)));
            json("created_at", how == 0 ? "yesterday" : UTC_ISO_MILLIS.format(Instant.ofEpochMilli(e.at)));
            json("network", network);
            json("kind", CODES.get(e.type));
            jsonOpen("author");
            json("handle", c.socialHandle);
            json("display_name", c.first + " " + c.last.charAt(0) + ".");
            b.append('}');
            boolean linked = e.at >= c.joinedAt && habit(seed, c.idx, 92) < 0.35;
            if (linked || e.type.equals("social_message")) json("linked_email", email(c, 0.03));
            json("text", e.text);
            if (how == 1) json("stars", 0);
            else if (e.rating > 0) json("stars", e.rating);
            b.append("}\n");
        }
    }
}
