package org.stackvault.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the processor learns from the OpenStack governance repository, which a generator
 * cannot fetch: which modules were official in which release, their programs, and the
 * tags {@code tc:approved-release}, {@code type:service}, {@code type:library}.
 *
 * <p>It is reconstructed from a table of well-known projects with the release each became
 * official in, and reproduces the processor's quirks: every "legacy" release reads the same
 * September-2014 program list, so they all share one official set; program groups and tags
 * exist only for "big tent" releases. Stateless.
 */
final class Governance {
    private Governance() {}

    enum Kind {
        SERVICE,
        LIBRARY,
        CLIENT,
        DOCS,
        SPECS,
        TOOL,
        QA,
        INFRA
    }

    /** A well-known project: its repo, organization, program, first official release and kind. */
    record Project(String module, String organization, String program, String since, Kind kind) {}

    /** Release names in calendar order, to compare "since" with a release. */
    static final List<String> RELEASE_ORDER = List.of(
            "austin",
            "bexar",
            "cactus",
            "diablo",
            "essex",
            "folsom",
            "grizzly",
            "havana",
            "icehouse",
            "juno",
            "kilo",
            "liberty",
            "mitaka",
            "newton",
            "ocata",
            "pike",
            "queens",
            "rocky",
            "stein",
            "train",
            "ussuri",
            "victoria",
            "wallaby",
            "xena",
            "yoga",
            "zed");
    /** The release whose program list every legacy release reads. */
    private static final String LEGACY_SNAPSHOT = "juno";

    private static final Set<String> TC_APPROVED = Set.of("nova", "swift", "glance", "keystone", "neutron", "cinder");

    static final List<Project> KNOWN = List.of(
            p("nova", "openstack", "nova", "austin", Kind.SERVICE),
            p("python-novaclient", "openstack", "nova", "austin", Kind.CLIENT),
            p("nova-specs", "openstack", "nova", "liberty", Kind.SPECS),
            p("os-vif", "openstack", "nova", "ocata", Kind.LIBRARY),
            p("placement", "openstack", "placement", "stein", Kind.SERVICE),
            p("swift", "openstack", "swift", "austin", Kind.SERVICE),
            p("python-swiftclient", "openstack", "swift", "bexar", Kind.CLIENT),
            p("glance", "openstack", "glance", "bexar", Kind.SERVICE),
            p("python-glanceclient", "openstack", "glance", "essex", Kind.CLIENT),
            p("keystone", "openstack", "keystone", "essex", Kind.SERVICE),
            p("python-keystoneclient", "openstack", "keystone", "essex", Kind.CLIENT),
            p("keystone-specs", "openstack", "keystone", "liberty", Kind.SPECS),
            p("keystonemiddleware", "openstack", "keystone", "juno", Kind.LIBRARY),
            p("keystoneauth", "openstack", "keystone", "liberty", Kind.LIBRARY),
            p("horizon", "openstack", "horizon", "essex", Kind.SERVICE),
            p("neutron", "openstack", "neutron", "folsom", Kind.SERVICE),
            p("python-neutronclient", "openstack", "neutron", "folsom", Kind.CLIENT),
            p("neutron-specs", "openstack", "neutron", "liberty", Kind.SPECS),
            p("neutron-lib", "openstack", "neutron", "newton", Kind.LIBRARY),
            p("neutron-lbaas", "openstack", "neutron", "liberty", Kind.SERVICE),
            p("networking-ovn", "openstack", "neutron", "liberty", Kind.SERVICE),
            p("cinder", "openstack", "cinder", "folsom", Kind.SERVICE),
            p("python-cinderclient", "openstack", "cinder", "folsom", Kind.CLIENT),
            p("cinder-specs", "openstack", "cinder", "liberty", Kind.SPECS),
            p("os-brick", "openstack", "cinder", "liberty", Kind.LIBRARY),
            p("heat", "openstack", "heat", "havana", Kind.SERVICE),
            p("python-heatclient", "openstack", "heat", "havana", Kind.CLIENT),
            p("heat-templates", "openstack", "heat", "liberty", Kind.TOOL),
            p("ceilometer", "openstack", "ceilometer", "havana", Kind.SERVICE),
            p("python-ceilometerclient", "openstack", "ceilometer", "havana", Kind.CLIENT),
            p("aodh", "openstack", "telemetry", "liberty", Kind.SERVICE),
            p("panko", "openstack", "telemetry", "ocata", Kind.SERVICE),
            p("trove", "openstack", "trove", "icehouse", Kind.SERVICE),
            p("python-troveclient", "openstack", "trove", "icehouse", Kind.CLIENT),
            p("sahara", "openstack", "sahara", "juno", Kind.SERVICE),
            p("python-saharaclient", "openstack", "sahara", "juno", Kind.CLIENT),
            p("sahara-dashboard", "openstack", "sahara", "liberty", Kind.TOOL),
            p("ironic", "openstack", "ironic", "kilo", Kind.SERVICE),
            p("python-ironicclient", "openstack", "ironic", "kilo", Kind.CLIENT),
            p("ironic-python-agent", "openstack", "ironic", "kilo", Kind.TOOL),
            p("designate", "openstack", "designate", "liberty", Kind.SERVICE),
            p("python-designateclient", "openstack", "designate", "liberty", Kind.CLIENT),
            p("manila", "openstack", "manila", "liberty", Kind.SERVICE),
            p("python-manilaclient", "openstack", "manila", "liberty", Kind.CLIENT),
            p("magnum", "openstack", "magnum", "liberty", Kind.SERVICE),
            p("python-magnumclient", "openstack", "magnum", "liberty", Kind.CLIENT),
            p("barbican", "openstack", "barbican", "liberty", Kind.SERVICE),
            p("zaqar", "openstack", "zaqar", "liberty", Kind.SERVICE),
            p("python-zaqarclient", "openstack", "zaqar", "liberty", Kind.CLIENT),
            p("murano", "openstack", "murano", "liberty", Kind.SERVICE),
            p("mistral", "openstack", "mistral", "liberty", Kind.SERVICE),
            p("python-mistralclient", "openstack", "mistral", "liberty", Kind.CLIENT),
            p("octavia", "openstack", "octavia", "liberty", Kind.SERVICE),
            p("senlin", "openstack", "senlin", "mitaka", Kind.SERVICE),
            p("tacker", "openstack", "tacker", "newton", Kind.SERVICE),
            p("watcher", "openstack", "watcher", "newton", Kind.SERVICE),
            p("vitrage", "openstack", "vitrage", "ocata", Kind.SERVICE),
            p("zun", "openstack", "zun", "newton", Kind.SERVICE),
            p("karbor", "openstack", "karbor", "newton", Kind.SERVICE),
            p("python-karborclient", "openstack", "karbor", "newton", Kind.CLIENT),
            p("cyborg", "openstack", "cyborg", "queens", Kind.SERVICE),
            p("kolla", "openstack", "kolla", "liberty", Kind.TOOL),
            p("kolla-ansible", "openstack", "kolla", "ocata", Kind.TOOL),
            p("openstack-ansible", "openstack", "openstack-ansible", "liberty", Kind.TOOL),
            p("tripleo-common", "openstack", "tripleo", "liberty", Kind.TOOL),
            p("tripleo-heat-templates", "openstack", "tripleo", "liberty", Kind.TOOL),
            p("python-tripleoclient", "openstack", "tripleo", "liberty", Kind.CLIENT),
            p("python-openstackclient", "openstack", "openstackclient", "liberty", Kind.CLIENT),
            p("openstacksdk", "openstack", "openstacksdk", "newton", Kind.LIBRARY),
            p("oslo-incubator", "openstack", "oslo", "havana", Kind.LIBRARY),
            p("oslo.config", "openstack", "oslo", "havana", Kind.LIBRARY),
            p("oslo.messaging", "openstack", "oslo", "icehouse", Kind.LIBRARY),
            p("oslo.db", "openstack", "oslo", "juno", Kind.LIBRARY),
            p("oslo.i18n", "openstack", "oslo", "juno", Kind.LIBRARY),
            p("oslo.log", "openstack", "oslo", "kilo", Kind.LIBRARY),
            p("oslo.utils", "openstack", "oslo", "kilo", Kind.LIBRARY),
            p("oslo.concurrency", "openstack", "oslo", "kilo", Kind.LIBRARY),
            p("oslo.serialization", "openstack", "oslo", "kilo", Kind.LIBRARY),
            p("oslo.policy", "openstack", "oslo", "kilo", Kind.LIBRARY),
            p("oslo.versionedobjects", "openstack", "oslo", "liberty", Kind.LIBRARY),
            p("puppet-nova", "openstack", "puppet-openstack", "liberty", Kind.TOOL),
            p("puppet-keystone", "openstack", "puppet-openstack", "liberty", Kind.TOOL),
            p("puppet-neutron", "openstack", "puppet-openstack", "liberty", Kind.TOOL),
            p("rally", "openstack", "rally", "liberty", Kind.TOOL),
            p("tempest", "openstack", "quality-assurance", "havana", Kind.QA),
            p("openstack-manuals", "openstack", "documentation", "essex", Kind.DOCS),
            p("api-site", "openstack", "documentation", "essex", Kind.DOCS),
            p("openstack-doc-tools", "openstack", "documentation", "havana", Kind.DOCS),
            p("operations-guide", "openstack", "documentation", "icehouse", Kind.DOCS),
            p("training-guides", "openstack", "documentation", "icehouse", Kind.DOCS),
            p("security-doc", "openstack", "documentation", "juno", Kind.DOCS),
            p("governance", "openstack", "technical-committee", "liberty", Kind.DOCS),
            p("releases", "openstack", "release-management", "liberty", Kind.INFRA),
            p("requirements", "openstack", "requirements", "liberty", Kind.INFRA),
            p("fuel-main", "openstack", "fuel", "mitaka", Kind.TOOL),
            p("devstack", "openstack-dev", "quality-assurance", "havana", Kind.QA),
            p("devstack-gate", "openstack-infra", "quality-assurance", "havana", Kind.QA),
            p("grenade", "openstack-dev", "quality-assurance", "icehouse", Kind.QA),
            p("hacking", "openstack-dev", "quality-assurance", "icehouse", Kind.LIBRARY),
            p("pbr", "openstack-dev", "oslo", "havana", Kind.LIBRARY),
            p("zuul", "openstack-infra", "infrastructure", "havana", Kind.INFRA),
            p("nodepool", "openstack-infra", "infrastructure", "havana", Kind.INFRA),
            p("git-review", "openstack-infra", "infrastructure", "havana", Kind.INFRA),
            p("jenkins-job-builder", "openstack-infra", "infrastructure", "icehouse", Kind.INFRA),
            p("elastic-recheck", "openstack-infra", "infrastructure", "icehouse", Kind.INFRA),
            p("project-config", "openstack-infra", "infrastructure", "juno", Kind.INFRA),
            p("system-config", "openstack-infra", "infrastructure", "juno", Kind.INFRA),
            p("infra-manual", "openstack-infra", "infrastructure", "juno", Kind.INFRA),
            p("storyboard", "openstack-infra", "infrastructure", "kilo", Kind.INFRA));

    private static Project p(String module, String organization, String program, String since, Kind kind) {
        return new Project(module, organization, program, since, kind);
    }

    private static final Map<String, Project> BY_MODULE =
            KNOWN.stream().collect(Collectors.toUnmodifiableMap(Project::module, Function.identity()));

    /** The well-known project of {@code module}, or null. */
    static Project known(String module) {
        return BY_MODULE.get(module);
    }

    /** Position of a release in calendar order; releases this table does not know come last. */
    static int order(String release) {
        int i = RELEASE_ORDER.indexOf(release.toLowerCase(Locale.ROOT));
        return i < 0 ? RELEASE_ORDER.size() : i;
    }

    /**
     * The module groups {@code governance.process_official_list} builds (in its order):
     * {@code openstack-official}, {@code openstack-others}, the tag groups, then one program
     * group per program seen in a big-tent release.
     *
     * @param releases normalised releases (lower-case names), each possibly with
     *                 {@code refs.governance.type}
     * @param modules  the modules that have a repo; governance lists only those
     */
    static Map<String, Map<String, Object>> officialGroups(List<Map<String, Object>> releases, Set<String> modules) {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (String id : List.of(
                "openstack-official", "openstack-others", "tc:approved-release", "type:service", "type:library")) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("modules", new LinkedHashSet<String>());
            group.put("tag", "project_type");
            group.put("module_group_name", id);
            group.put("releases", new LinkedHashMap<String, Set<String>>());
            groups.put(id, group);
        }
        for (Map<String, Object> release : releases) {
            String type = governanceType(release);
            if (type == null) {
                continue;
            }
            String name = String.valueOf(release.get("release_name")).toLowerCase(Locale.ROOT);
            int cutoff = order("legacy".equals(type) ? LEGACY_SNAPSHOT : name);
            for (Project project : KNOWN) {
                if (!modules.contains(project.module()) || order(project.since()) > cutoff) {
                    continue;
                }
                releaseModules(groups.get("openstack-official"), name).add(project.module());
                if (!"big_tent".equals(type)) {
                    continue;
                }
                String groupId = project.program() + "-group";
                Map<String, Object> program = groups.computeIfAbsent(groupId, id -> {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("modules", new LinkedHashSet<String>());
                    g.put("module_group_name", pythonTitle(project.program()) + " Official");
                    g.put("tag", "program");
                    return g;
                });
                modules(program).add(project.module());
                if (TC_APPROVED.contains(project.module())) {
                    releaseModules(groups.get("tc:approved-release"), name).add(project.module());
                }
                if (project.kind() == Kind.SERVICE) {
                    releaseModules(groups.get("type:service"), name).add(project.module());
                } else if (project.kind() == Kind.LIBRARY || project.kind() == Kind.CLIENT) {
                    releaseModules(groups.get("type:library"), name).add(project.module());
                }
            }
        }
        groups.forEach((id, group) -> group.put("id", id));
        return groups;
    }

    /**
     * {@code process_project_list}: every module of the {@code openstack} organization that is
     * not official in a release counts among {@code openstack-others} for that release.
     */
    @SuppressWarnings("unchecked")
    static void addOthers(Map<String, Map<String, Object>> groups, Map<String, Object> openstackOrganization) {
        if (openstackOrganization == null) {
            return;
        }
        Map<String, Set<String>> official =
                (Map<String, Set<String>>) groups.get("openstack-official").get("releases");
        Map<String, Object> others = groups.get("openstack-others");
        for (Object module : (Iterable<Object>) openstackOrganization.get("modules")) {
            official.forEach((release, officialModules) -> {
                if (!officialModules.contains(String.valueOf(module))) {
                    releaseModules(others, release).add(String.valueOf(module));
                }
            });
        }
    }

    private static String governanceType(Map<String, Object> release) {
        if (release.get("refs") instanceof Map<?, ?> refs
                && refs.get("governance") instanceof Map<?, ?> gov
                && gov.get("type") instanceof String type) {
            return type;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> releaseModules(Map<String, Object> group, String release) {
        Map<String, Set<String>> byRelease = (Map<String, Set<String>>) group.get("releases");
        return byRelease.computeIfAbsent(release, r -> new LinkedHashSet<>());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> modules(Map<String, Object> group) {
        return (Set<String>) group.get("modules");
    }

    /** Python's {@code str.title()}: a letter after a non-letter is upper case, every other letter lower case. */
    static String pythonTitle(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousLetter = false;
        for (char c : s.toCharArray()) {
            out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    /**
     * Well-known repos of a project source's organization, which default data leaves to be
     * listed from Gerrit or GitHub.
     */
    static List<String> sourceRepos(String organization) {
        List<String> out = new ArrayList<>();
        for (Project project : KNOWN) {
            if (project.organization().equals(organization)) {
                out.add(project.module());
            }
        }
        if (out.isEmpty()) {
            List<String> github = GITHUB_SOURCES.get(organization);
            if (github != null) {
                out.addAll(github);
            }
        }
        return out;
    }

    private static final Map<String, List<String>> GITHUB_SOURCES = Map.of(
            "cloudfoundry", List.of("cf-deployment", "bosh", "cloud_controller_ng"),
            "kubernetes-sigs", List.of("kustomize", "kind"),
            "kubernetes-incubator", List.of("external-storage", "service-catalog"),
            "kubernetes-client", List.of("gen", "python-base"),
            "kubernetes-csi", List.of("external-provisioner", "external-attacher"),
            "spinnaker", List.of("deck", "clouddriver", "orca"));
}
