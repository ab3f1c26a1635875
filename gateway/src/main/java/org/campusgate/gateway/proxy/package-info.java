/** The explicit proxy's client pipeline: guards, identify, describe/decide, act, record. */
package org.campusgate.gateway.proxy;
