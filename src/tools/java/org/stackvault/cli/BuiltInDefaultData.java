package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A compact but complete invented default data set, for when no {@code default_data.json}
 * is given: Stackalytics' real release calendar (austin to train), about forty companies
 * with their domains, about sixty OpenStack modules in three organizations, the usual
 * project types, and a hundred-odd listed users (the rest of the population is added as the
 * processor would discover it). Same shape as the real file, so it takes the same path
 * through {@link ReferenceDataBuilder}. Stateless.
 */
final class BuiltInDefaultData {
    private BuiltInDefaultData() {}

    static final int LISTED_USERS = 120;

    /** Release name, end date, governance type of its program list. */
    private static final String[][] RELEASES = {
        {"prehistory", "2010-Jan-01", null},
        {"Austin", "2010-Oct-21", "legacy"},
        {"Bexar", "2011-Feb-03", "legacy"},
        {"Cactus", "2011-Apr-15", "legacy"},
        {"Diablo", "2011-Sep-22", "legacy"},
        {"Essex", "2012-Apr-05", "legacy"},
        {"Folsom", "2012-Oct-04", "legacy"},
        {"Grizzly", "2013-Apr-04", "legacy"},
        {"Havana", "2013-Oct-17", "legacy"},
        {"Icehouse", "2014-Apr-17", "legacy"},
        {"Juno", "2014-Oct-16", "legacy"},
        {"Kilo", "2015-Apr-30", "early_big_tent"},
        {"Liberty", "2015-Oct-15", "big_tent"},
        {"Mitaka", "2016-Apr-07", "big_tent"},
        {"Newton", "2016-Oct-06", "big_tent"},
        {"Ocata", "2017-Feb-22", "big_tent"},
        {"Pike", "2017-Aug-30", "big_tent"},
        {"Queens", "2018-Feb-28", "big_tent"},
        {"Rocky", "2018-Aug-30", "big_tent"},
        {"Stein", "2019-Apr-10", "big_tent"},
        {"Train", "2019-Oct-16", "big_tent"}
    };

    /** Company name, its domains (space separated), aliases (| separated, may be empty). */
    private static final String[][] COMPANIES = {
        {"*independent", "", "Independent|Unaffiliated|Self|Individual|None|n/a|Freelance"},
        {"Red Hat", "redhat.com", "RedHat|Red Hat Inc"},
        {"Mirantis", "mirantis.com", "Mirantis Inc"},
        {"HP", "hp.com", "Hewlett-Packard|Hewlett Packard"},
        {"HPE", "hpe.com", "Hewlett Packard Enterprise"},
        {"IBM", "ibm.com us.ibm.com cn.ibm.com", "IBM Corp|International Business Machines"},
        {"Rackspace", "rackspace.com rackspace.co.uk", "Rackspace Hosting"},
        {"Intel", "intel.com", "Intel Corporation"},
        {"Huawei", "huawei.com", "Huawei Technologies"},
        {"Cisco Systems", "cisco.com", "Cisco"},
        {"VMware", "vmware.com", ""},
        {"SUSE", "suse.com suse.de suse.cz", "SUSE Linux"},
        {"Canonical", "canonical.com ubuntu.com", ""},
        {"NEC", "nec.com nec.co.jp", ""},
        {"NTT", "ntt.com lab.ntt.co.jp", "NTT Data"},
        {"Dell EMC", "dell.com emc.com", "Dell|EMC"},
        {"99cloud", "99cloud.net", ""},
        {"EasyStack", "easystack.cn", ""},
        {"ZTE Corporation", "zte.com.cn", "ZTE"},
        {"Fujitsu", "fujitsu.com jp.fujitsu.com", ""},
        {"Hitachi", "hitachi.com", ""},
        {"Inspur", "inspur.com", ""},
        {"Awcloud", "awcloud.com", ""},
        {"AT&T", "att.com research.att.com", "ATT"},
        {"Comcast", "comcast.com cable.comcast.com", ""},
        {"Walmart", "walmartlabs.com", "Walmart Labs"},
        {"Ericsson", "ericsson.com", ""},
        {"Nokia", "nokia.com", "Nokia Networks"},
        {"Juniper Networks", "juniper.net", "Juniper"},
        {"Oracle", "oracle.com", ""},
        {"Samsung SDS", "samsung.com", "Samsung"},
        {"SK Telecom", "sk.com", ""},
        {"Yahoo!", "yahoo-inc.com", "Yahoo"},
        {"Verizon", "verizon.com", ""},
        {"Alibaba", "alibaba-inc.com", ""},
        {"China Mobile", "chinamobile.com", ""},
        {"Catalyst IT", "catalyst.net.nz", "Catalyst"},
        {"OVH", "ovh.net", ""},
        {"Citrix", "citrix.com", ""},
        {"eBay", "ebay.com", ""},
        {"Cloudbase Solutions", "cloudbasesolutions.com", "Cloudbase"},
        {"Deutsche Telekom", "telekom.de", "T-Systems"},
        {"CERN", "cern.ch", ""},
        {"OpenStack Foundation", "openstack.org", "OSF"}
    };

    /** Well-known projects with a repo in the built-in set (about sixty modules). */
    private static final List<String> MODULES = List.of(
            "nova",
            "neutron",
            "cinder",
            "glance",
            "keystone",
            "horizon",
            "swift",
            "heat",
            "ceilometer",
            "trove",
            "sahara",
            "ironic",
            "designate",
            "manila",
            "magnum",
            "barbican",
            "zaqar",
            "murano",
            "mistral",
            "octavia",
            "senlin",
            "tacker",
            "aodh",
            "panko",
            "kolla",
            "kolla-ansible",
            "openstack-ansible",
            "tripleo-common",
            "tripleo-heat-templates",
            "python-novaclient",
            "python-neutronclient",
            "python-cinderclient",
            "python-glanceclient",
            "python-keystoneclient",
            "python-swiftclient",
            "python-heatclient",
            "python-openstackclient",
            "openstacksdk",
            "keystoneauth",
            "keystonemiddleware",
            "oslo.config",
            "oslo.messaging",
            "oslo.db",
            "oslo.log",
            "oslo.utils",
            "os-brick",
            "tempest",
            "rally",
            "openstack-manuals",
            "api-site",
            "nova-specs",
            "neutron-specs",
            "governance",
            "releases",
            "requirements",
            "devstack",
            "grenade",
            "hacking",
            "pbr",
            "zuul",
            "nodepool",
            "project-config",
            "jenkins-job-builder",
            "elastic-recheck");
    /** Modules of the openstack organization that were never official. */
    private static final List<String> UNOFFICIAL = List.of("fuel-web", "gnocchi", "stackalytics", "deb-auto-backports");

    private static final String[] PERSONAL_DOMAINS = {
        "gmail.com", "yahoo.com", "hotmail.com", "163.com", "qq.com", "outlook.com"
    };

    static DefaultData create(SplittableRandom random) {
        List<Map<String, Object>> companies = companies();
        return new DefaultData(
                users(random, companies), companies, repos(), List.of(), moduleGroups(), releases(), projectTypes());
    }

    private static List<Map<String, Object>> releases() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] r : RELEASES) {
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("release_name", r[0]);
            release.put("end_date", r[1]);
            release.put("project", "openstack");
            if (r[2] != null) {
                Map<String, Object> governance = new LinkedHashMap<>();
                governance.put("type", r[2]);
                governance.put(
                        "source",
                        "https://git.openstack.org/cgit/openstack/governance/plain/reference/"
                                + ("legacy".equals(r[2]) ? "programs.yaml" : "projects.yaml"));
                Map<String, Object> refs = new LinkedHashMap<>();
                refs.put("governance", governance);
                release.put("refs", refs);
            }
            out.add(release);
        }
        return out;
    }

    private static List<Map<String, Object>> companies() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] c : COMPANIES) {
            Map<String, Object> company = new LinkedHashMap<>();
            company.put("company_name", c[0]);
            // only *independent has the empty domain (any email not matched otherwise)
            company.put("domains", c[1].isEmpty() ? List.of("") : List.of(c[1].split(" ")));
            if (!c[2].isEmpty()) {
                company.put("aliases", List.of(c[2].split("\\|")));
            }
            out.add(company);
        }
        return out;
    }

    private static List<Map<String, Object>> repos() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String module : MODULES) {
            Governance.Project project = Governance.known(module);
            out.add(repo(module, project == null ? "openstack" : project.organization()));
        }
        for (String module : UNOFFICIAL) {
            out.add(repo(module, "openstack"));
        }
        return out;
    }

    private static Map<String, Object> repo(String module, String organization) {
        Map<String, Object> repo = new LinkedHashMap<>();
        repo.put("module", module);
        repo.put("uri", "https://git.openstack.org/" + organization + "/" + module + ".git");
        repo.put("organization", organization);
        return repo;
    }

    private static List<Map<String, Object>> moduleGroups() {
        List<String> clients = new ArrayList<>();
        for (String module : MODULES) {
            if (module.startsWith("python-") && module.endsWith("client")) {
                clients.add(module);
            }
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("module_group_name", "python-clients");
        group.put("modules", clients);
        return List.of(group);
    }

    private static List<Map<String, Object>> projectTypes() {
        return List.of(
                projectType("all", "OpenStack", false, "openstack", "openstack-infra", "openstack-dev", "unknown"),
                projectType("openstack", "Official", true, "openstack-official", "governance"),
                projectType("tc:approved-release", "TC-approved", true, "tc:approved-release"),
                projectType("openstack-others", "Others", true, "openstack-others", "unknown"));
    }

    private static Map<String, Object> projectType(String id, String title, boolean child, String... modules) {
        Map<String, Object> pt = new LinkedHashMap<>();
        pt.put("id", id);
        pt.put("title", title);
        if (child) {
            pt.put("child", Boolean.TRUE);
        }
        pt.put("modules", List.of(modules));
        return pt;
    }

    /**
     * Listed users: a robot account, then people with a launchpad id (mostly), one to three
     * emails, and a company history whose earlier entries end on a date.
     */
    private static List<Map<String, Object>> users(SplittableRandom random, List<Map<String, Object>> companies) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> robot = new LinkedHashMap<>();
        robot.put("launchpad_id", "openstack");
        robot.put("companies", List.of(affiliation(Companies.ROBOTS, null)));
        robot.put("user_name", "OpenStack Robot");
        robot.put("emails", List.of("jenkins@review.openstack.org", "review@openstack.org", "zuul@openstack.org"));
        out.add(robot);

        List<Map<String, Object>> employers = companies.subList(1, companies.size());
        Set<String> usedIds = new LinkedHashSet<>(List.of("openstack"));
        Set<String> usedEmails = new LinkedHashSet<>();
        while (out.size() < LISTED_USERS) {
            String first = Texts.firstName(random);
            String last = Texts.lastName(random);
            String base = (first + "-" + last).toLowerCase(Locale.ROOT);
            String id = base;
            for (int n = 2; usedIds.contains(id); n++) {
                id = base + n;
            }
            usedIds.add(id);
            Map<String, Object> user = new LinkedHashMap<>();
            if (random.nextInt(10) < 9) {
                user.put("launchpad_id", id);
            }
            int history = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
            List<Map<String, Object>> affiliations = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            // end dates in ascending order, between 2012 and 2019
            long end = Timeline.parseDefaultDataDate("2012-Jan-01");
            for (int i = 0; i < history; i++) {
                // the companies listed first are the big employers
                String company = random.nextInt(8) == 0
                        ? Companies.INDEPENDENT
                        : String.valueOf(employers
                                .get(zipfIndex(random, employers.size()))
                                .get("company_name"));
                String endDate = null;
                if (i < history - 1) {
                    end += (180 + random.nextInt(900)) * Timeline.DAY;
                    endDate = formatDefaultDataDate(end);
                }
                affiliations.add(affiliation(company, endDate));
                String domain = domainOf(companies, company);
                if (domain != null) {
                    addEmail(emails, usedEmails, id.replace('-', '.') + "@" + domain);
                }
            }
            if (emails.isEmpty() || random.nextInt(3) == 0) {
                addEmail(emails, usedEmails, id.replace("-", "") + "@" + Texts.pick(random, PERSONAL_DOMAINS));
            }
            if (emails.isEmpty()) {
                continue;
            }
            user.put("companies", affiliations);
            user.put("user_name", first + " " + last);
            user.put("emails", emails);
            if (random.nextInt(12) == 0) {
                user.put("zanata_id", id.replace("-", ""));
            }
            out.add(user);
        }
        return out;
    }

    /** An index below {@code n}, small ones far more often (weight 1 / (i + 2)). */
    private static int zipfIndex(SplittableRandom random, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / (i + 2);
        }
        double target = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            target -= 1.0 / (i + 2);
            if (target < 0) {
                return i;
            }
        }
        return n - 1;
    }

    private static void addEmail(List<String> emails, Set<String> used, String email) {
        if (used.add(email)) {
            emails.add(email);
        }
    }

    private static String domainOf(List<Map<String, Object>> companies, String company) {
        for (Map<String, Object> c : companies) {
            if (c.get("company_name").equals(company)
                    && c.get("domains") instanceof List<?> domains
                    && !domains.isEmpty()
                    && !"".equals(domains.get(0))) {
                return String.valueOf(domains.get(0));
            }
        }
        return null;
    }

    private static Map<String, Object> affiliation(String company, String endDate) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("company_name", company);
        a.put("end_date", endDate);
        return a;
    }

    static String formatDefaultDataDate(long date) {
        return java.time.Instant.ofEpochSecond(date)
                .atOffset(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MMM-dd", Locale.US));
    }
}
