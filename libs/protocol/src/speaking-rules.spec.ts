import { PrecedenceGroup } from './protocol.enums';
import { chooseSpeakers, foldTitle, isSpeakingItem, protocolRoleChanges, type RankedPerson, speakerSide } from './speaking-rules';

const person = (key: string, group: PrecedenceGroup, position: number): RankedPerson => ({ key, name: key, group, position });

const politburo = person('invitation:a', PrecedenceGroup.Central, 1);
const minister = person('invitation:b', PrecedenceGroup.Central, 2);
const secretary = person('guest:c', PrecedenceGroup.ProvincialLeader, 3);
const chairman = person('guest:d', PrecedenceGroup.ProvincialLeader, 4);
const commune = person('guest:e', PrecedenceGroup.LocalOfficial, 5);
const hero = person('guest:f', PrecedenceGroup.Guest, 6);
const everyone = [politburo, minister, secretary, chairman, commune, hero];

describe('speaking slots', () => {
  it('finds phát biểu in a programme title whatever the case and diacritics', () => {
    expect(foldTitle('  Phát biểu  CHỈ ĐẠO ')).toBe('phat bieu chi dao');
    expect(isSpeakingItem('Phát biểu chỉ đạo của đồng chí lãnh đạo')).toBe(true);
    expect(isSpeakingItem('PHAT BIEU tiếp thu')).toBe(true);
    expect(isSpeakingItem('Văn nghệ chào mừng')).toBe(false);
  });

  it('gives opening, welcome and answering words to the host and the rest to the central delegates', () => {
    expect(speakerSide('Phát biểu khai mạc')).toBe('host');
    expect(speakerSide('Phát biểu chào mừng')).toBe('host');
    expect(speakerSide('Phát biểu tiếp thu ý kiến chỉ đạo')).toBe('host');
    expect(speakerSide('Phát biểu chỉ đạo')).toBe('central');
    expect(speakerSide('Phát biểu và tặng quà của đại biểu')).toBe('central');
  });

  it('proposes speakers in programme order by precedence, nobody twice, each slot from its side', () => {
    const items = [
      { id: 'open', title: 'Phát biểu khai mạc' },
      { id: 'lead', title: 'Phát biểu chỉ đạo' },
      { id: 'gifts', title: 'Phát biểu và tặng quà của đại biểu' },
      { id: 'answer', title: 'Phát biểu tiếp thu' },
    ];
    expect(chooseSpeakers(items, everyone, new Map())).toEqual([
      { itemId: 'open', attendeeKey: secretary.key, proposed: true },
      { itemId: 'lead', attendeeKey: politburo.key, proposed: true },
      { itemId: 'gifts', attendeeKey: minister.key, proposed: true },
      { itemId: 'answer', attendeeKey: chairman.key, proposed: true },
    ]);
  });

  it('keeps a hand choice while its speaker attends, and the proposals step round it', () => {
    const items = [
      { id: 'lead', title: 'Phát biểu chỉ đạo' },
      { id: 'gifts', title: 'Phát biểu tặng quà' },
    ];
    const chosen = new Map([['gifts', politburo.key]]);
    expect(chooseSpeakers(items, everyone, chosen)).toEqual([
      { itemId: 'lead', attendeeKey: minister.key, proposed: true },
      { itemId: 'gifts', attendeeKey: politburo.key, proposed: false },
    ]);
  });

  it('proposes again for a slot whose chosen speaker no longer attends, and leaves a slot empty when nobody of its side is left', () => {
    const items = [
      { id: 'lead', title: 'Phát biểu chỉ đạo' },
      { id: 'gifts', title: 'Phát biểu tặng quà' },
      { id: 'answer', title: 'Phát biểu tiếp thu' },
    ];
    const chosen = new Map([['lead', 'invitation:gone']]);
    expect(chooseSpeakers(items, [minister, hero], chosen)).toEqual([
      { itemId: 'lead', attendeeKey: minister.key, proposed: true },
      { itemId: 'gifts', attendeeKey: null, proposed: true },
      { itemId: 'answer', attendeeKey: null, proposed: true },
    ]);
  });

  it('follows the order of precedence, overrides included, not the order of the rows it is given', () => {
    const promoted = { ...minister, position: 1 };
    const demoted = { ...politburo, position: 2 };
    expect(chooseSpeakers([{ id: 'lead', title: 'Phát biểu chỉ đạo' }], [demoted, promoted], new Map())[0].attendeeKey).toBe(minister.key);
  });
});

describe('what speakers and greeters no longer agree with', () => {
  it('flags a chosen speaker and a greeted delegate who left, and every central delegate without a greeter', () => {
    const deputy = person('invitation:deputy', PrecedenceGroup.Central, 2);
    const changes = protocolRoleChanges(
      new Map([
        ['lead', 'invitation:b'],
        ['answer', secretary.key],
      ]),
      [
        { attendeeKey: 'invitation:a', name: 'Lò Văn Đón' },
        { attendeeKey: 'invitation:b', name: 'Quàng Thị Đưa' },
      ],
      [politburo, deputy, secretary],
    );
    expect(changes).toEqual([
      { kind: 'speaker_left', itemId: 'lead', attendeeKey: 'invitation:b' },
      { kind: 'greeter_left', attendeeKey: 'invitation:b', greeterName: 'Quàng Thị Đưa' },
      { kind: 'greeter_missing', attendeeKey: 'invitation:deputy' },
    ]);
  });

  it('asks nothing of guests and local officials, and is quiet when everything agrees', () => {
    expect(
      protocolRoleChanges(new Map([['answer', secretary.key]]), [{ attendeeKey: politburo.key, name: 'Lò Văn Đón' }], [politburo, secretary, hero]),
    ).toEqual([]);
  });
});
