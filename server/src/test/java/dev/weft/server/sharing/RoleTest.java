package dev.weft.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.server.auth.Access;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void eachRoleAllowsWhatTheOnesBelowItDo() {
        assertThat(Role.OWNER.canManage()).isTrue();
        assertThat(Role.EDITOR.canManage()).isFalse();
        assertThat(Role.EDITOR.canEdit()).isTrue();
        assertThat(Role.COMMENTER.canEdit()).isFalse();
        assertThat(Role.COMMENTER.canComment()).isTrue();
        assertThat(Role.VIEWER.canComment()).isFalse();
        assertThat(Role.EDITOR.atLeast(Role.COMMENTER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.COMMENTER)).isFalse();
    }

    @Test
    void aTokensScopeCapsTheRole() {
        assertThat(Role.OWNER.cappedBy(Access.READ_WRITE)).isEqualTo(Role.OWNER);
        assertThat(Role.OWNER.cappedBy(Access.COMMENT)).isEqualTo(Role.COMMENTER);
        assertThat(Role.EDITOR.cappedBy(Access.READ_ONLY)).isEqualTo(Role.VIEWER);
        assertThat(Role.VIEWER.cappedBy(Access.COMMENT)).isEqualTo(Role.VIEWER);
    }

    @Test
    void aRoleMapsToTheAccessOfItsConnectionsAndReadsBackFromItsName() {
        assertThat(Role.OWNER.access()).isEqualTo(Access.READ_WRITE);
        assertThat(Role.COMMENTER.access()).isEqualTo(Access.COMMENT);
        assertThat(Role.VIEWER.access()).isEqualTo(Access.READ_ONLY);
        for (Role role : Role.values()) {
            assertThat(Role.parse(role.jsonName())).contains(role);
            assertThat(Role.of(role.access()).cappedBy(role.access())).isEqualTo(role == Role.OWNER ? Role.EDITOR : role);
        }
        assertThat(Role.parse("admin")).isEmpty();
    }
}
