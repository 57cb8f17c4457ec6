package com.receivableshub.broker;

import com.receivableshub.participant.FunderQueues;
import com.receivableshub.participant.Participant;
import com.receivableshub.participant.ParticipantDirectory;
import com.receivableshub.participant.ParticipantRole;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on the embedded broker. The hub itself connects in-VM and may do everything. A funder logs in
 * with the broker user and password of its adapter file, may consume and browse only its own queue, and may send
 * only to the hub's inbound address. Nobody else gets in. The broker must not cache authentications
 * ({@code authenticationCacheSize 0}): its cache is keyed by user and password only, so the hub's own anonymous
 * in-VM login would otherwise let any anonymous TCP client in with the hub's rights.
 */
public final class HubSecurityManager implements ActiveMQSecurityManager5 {

    static final String HUB_ROLE = "hub";
    static final String FUNDER_ROLE = "funder";
    /** Not a possible adapter broker user (those are [a-z0-9._-]), so no funder can share its cached rights. */
    static final String HUB_USER = "#hub-in-vm";
    private static final Logger LOG = LoggerFactory.getLogger(HubSecurityManager.class);

    private final ParticipantDirectory directory;

    public HubSecurityManager(ParticipantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(HUB_USER, HUB_ROLE);
        }
        Optional<Participant> participant = directory.authenticateBrokerUser(user, password);
        if (participant.isEmpty()) {
            LOG.warn("broker login refused for user '{}' from {}", user,
                    connection == null ? "?" : connection.getRemoteAddress());
            return null;
        }
        return subject(user, participant.get().has(ParticipantRole.FUNDER) ? FUNDER_ROLE : "participant");
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        if (hasRole(subject, HUB_ROLE)) {
            return true;
        }
        String user = getUserFromSubject(subject);
        Optional<Participant> participant = directory.byBrokerUser(user);
        if (participant.isEmpty()) {
            return false;
        }
        boolean allowed = switch (checkType) {
            case SEND -> FunderQueues.INBOUND.equals(addressPart(address));
            case CONSUME, BROWSE -> participant.get().has(ParticipantRole.FUNDER)
                    && participant.get().queue().equals(queuePart(address));
            default -> false;
        };
        if (!allowed) {
            LOG.warn("broker user '{}' refused {} on '{}'", user, checkType, address);
        }
        return allowed;
    }

    @Override
    public String getUserFromSubject(Subject subject) {
        if (subject == null) {
            return null;
        }
        return subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(null);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return directory.authenticateBrokerUser(user, password).isPresent();
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private static Subject subject(String user, String role) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(role));
        return subject;
    }

    private static boolean hasRole(Subject subject, String role) {
        return subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> role.equals(r.getName()));
    }

    /** The address of a plain or fully qualified ({@code address::queue}) name. */
    static String addressPart(String name) {
        int sep = name == null ? -1 : name.indexOf("::");
        return sep < 0 ? name : name.substring(0, sep);
    }

    /** The queue of a fully qualified name, or the name itself (anycast queues are named like their address). */
    static String queuePart(String name) {
        int sep = name == null ? -1 : name.indexOf("::");
        return sep < 0 ? name : name.substring(sep + 2);
    }
}
