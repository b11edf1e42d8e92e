import { addressProblem, forbiddenKind, isAllowedHost, parseAllowList } from './address-policy';

const none = parseAllowList(undefined, undefined).allow;

describe('webhook address policy', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.9.9.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['fd12:3456::1', 'a private address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['169.254.169.254', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['::ffff:a9fe:a9fe', 'a cloud metadata address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['64:ff9b::a00:1', 'a reserved address'],
  ])('refuses %s as %s', (address, kind) => {
    expect(forbiddenKind(address)).toBe(kind);
    expect(addressProblem(none, address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])(
    'lets %s through',
    (address) => {
      expect(forbiddenKind(address)).toBeNull();
    },
  );

  it('lets the operator allow addresses and hosts by name', () => {
    const { allow, problems } = parseAllowList('Hooks.Internal, [::1]', '127.0.0.1/32,10.20.0.0/16');
    expect(problems).toEqual([]);
    expect(addressProblem(allow, '127.0.0.1')).toBeNull();
    expect(addressProblem(allow, '127.0.0.2')).toBe('a loopback address');
    expect(addressProblem(allow, '10.20.3.4')).toBeNull();
    expect(addressProblem(allow, '10.21.0.1')).toBe('a private address');
    expect(addressProblem(allow, '169.254.169.254')).toBe('a cloud metadata address');
    expect(isAllowedHost(allow, 'hooks.internal')).toBe(true);
    expect(isAllowedHost(allow, '[::1]')).toBe(true);
    expect(isAllowedHost(allow, 'other.internal')).toBe(false);
  });

  it('names every bad allow-list entry', () => {
    const { problems } = parseAllowList(
      'ok.example, bad host',
      '10.0.0.0/8,10.0.0.0/33,nonsense,1.2.3.4/8/1',
    );
    expect(problems).toHaveLength(4);
  });
});
