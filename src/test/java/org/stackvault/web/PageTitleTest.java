package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The original's page titles: the cases of its {@code test_web_utils.test_make_page_title}. */
class PageTitleTest {
    @Test
    void community_inAllReleases_andInOne() {
        assertEquals(
                "OpenStack community contribution in all releases",
                PageTitle.of("openstack", "openstack", "OpenStack", "all", null, null, null));
        assertEquals(
                "OpenStack community contribution in Havana release",
                PageTitle.of("openstack", "openstack", "OpenStack", "Havana", null, null, null));
    }

    @Test
    void companyOrUser_inOpenStackRelease() {
        assertEquals(
                "Mirantis contribution in OpenStack Havana release",
                PageTitle.of("stackforge", "openstack", "Stackforge", "Havana", null, "Mirantis", null));
        assertEquals(
                "John Doe contribution in OpenStack Havana release",
                PageTitle.of("all", "openstack", "all", "Havana", null, null, "John Doe"));
        assertEquals(
                "John Doe (Mirantis) contribution to neutron in OpenStack Havana release",
                PageTitle.of("all", "openstack", "all", "Havana", "neutron", "Mirantis", "John Doe"));
    }

    @Test
    void otherProjects_duringARelease_orNoRelease() {
        assertEquals(
                "Ansible community contribution during OpenStack Havana release",
                PageTitle.of("ansible", null, "Ansible", "Havana", null, null, null));
        assertEquals("Docker community contribution", PageTitle.of("docker", null, "Docker", "all", null, null, null));
    }
}
