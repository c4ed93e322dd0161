/** Operating Stackvault through JMX: vault and cache statistics, refresh() and reload(). */
package org.stackvault.jmx;
