import type { NavGroup } from '../navigation/nav-model.js';
import { hrefFor } from '../router/hash-router.js';
import { Icon } from './icons.js';

/** The sidebar: one titled list per kind of user the signed-in user is. */
export function SideNav({ groups, currentPath }: { groups: readonly NavGroup[]; currentPath: string }) {
  return (
    <nav class="side-nav" aria-label="Main">
      {groups.map((group) => (
        <div key={group.id} role="group" class="side-nav__group" aria-labelledby={`nav-group-${group.id}`}>
          <h2 class="side-nav__heading" id={`nav-group-${group.id}`}>
            {group.label}
          </h2>
          <ul class="side-nav__list">
            {group.items.map((item) => {
              const current = currentPath === item.path || currentPath.startsWith(`${item.path}/`);
              return (
                <li key={item.path}>
                  <a
                    class={current ? 'side-nav__link side-nav__link--current' : 'side-nav__link'}
                    href={hrefFor(item.path)}
                    aria-current={current ? 'page' : undefined}
                  >
                    <Icon name={item.icon} />
                    <span>{item.label}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
